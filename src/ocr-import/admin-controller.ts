import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import { importOcrFile, parseOcrFile } from './import';
import { MAX_BYTES } from './decode';
import { asRefusal, refusal } from '../newsroom/refusals';
import { assertAdminCanEntry } from '../newsroom/admin-ability';

/**
 * The controller behind the "导入 OCR 文本" page (routes and permission checks:
 * src/admin-api/routes.ts), each request a multipart form with the page's text
 * file in the field `file`:
 *   preview  POST /banmian/import/preview  file, encoding?                             → the dry-run result
 *   import   POST /banmian/import          file, encoding?, publication?, issue?, date? → the summary
 * Importing into an existing issue also needs the right to edit that issue.
 */

async function readUpload(ctx: any) {
  const raw = ctx.request.files?.file;
  const file = Array.isArray(raw) ? raw[0] : raw;
  if (!file?.filepath) throw refusal('import.chooseFile', {}, { path: ['file'] });
  const fileName = String(file.originalFilename || file.newFilename || 'page.txt');
  if (file.size > MAX_BYTES) throw refusal('import.tooLarge', { file: fileName, bytes: file.size });
  const bytes = await fs.readFile(file.filepath);
  const { encoding } = ctx.request.body ?? {};
  return { fileName, bytes, encoding: typeof encoding === 'string' && encoding ? encoding : undefined };
}

export const importAdminController = (strapi: Core.Strapi) => ({
  async preview(ctx: any) {
    const { fileName, bytes, encoding } = await readUpload(ctx);
    try {
      ctx.body = { data: parseOcrFile(bytes, fileName, encoding) };
    } catch (error) {
      throw asRefusal(error);
    }
  },

  async import(ctx: any) {
    const { fileName, bytes, encoding } = await readUpload(ctx);
    const { publication, issue, date } = ctx.request.body;
    const number = issue === undefined || issue === null || issue === '' ? undefined : Number(issue);
    if (number !== undefined && (!Number.isInteger(number) || number < 1)) throw refusal('import.badIssueNumber', {}, { path: ['issue'] });
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw refusal('import.badDate', {}, { path: ['date'] });
    try {
      // Importing into an existing issue changes it: the user must be allowed to edit that issue.
      const authorizeIssue = (id: string) => assertAdminCanEntry(strapi, ctx, 'update', 'api::issue.issue', id);
      ctx.body = {
        data: await importOcrFile(strapi, bytes, fileName, {
          publication: publication || undefined,
          issue: number,
          date: date || undefined,
          encoding,
          authorizeIssue,
        }),
      };
    } catch (error) {
      throw asRefusal(error);
    }
  },
});
