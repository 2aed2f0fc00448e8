import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import { errors } from '@strapi/utils';
import { importOcrFile, parseOcrFile } from './import';
import { InputError, MAX_BYTES } from './decode';
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
  if (!file?.filepath) throw new errors.ValidationError('choose the page\'s text file (multipart field "file")', { path: ['file'] });
  const fileName = String(file.originalFilename || file.newFilename || 'page.txt');
  if (file.size > MAX_BYTES) throw new errors.ValidationError(`${fileName}: ${(file.size / 1024 / 1024).toFixed(1)} MB is over the 5 MB limit for one page`);
  const bytes = await fs.readFile(file.filepath);
  const { encoding } = ctx.request.body ?? {};
  return { fileName, bytes, encoding: typeof encoding === 'string' && encoding ? encoding : undefined };
}

const asValidation = (error: unknown) => (error instanceof InputError ? new errors.ValidationError(error.message) : error);

export const importAdminController = (strapi: Core.Strapi) => ({
  async preview(ctx: any) {
    const { fileName, bytes, encoding } = await readUpload(ctx);
    try {
      ctx.body = { data: parseOcrFile(bytes, fileName, encoding) };
    } catch (error) {
      throw asValidation(error);
    }
  },

  async import(ctx: any) {
    const { fileName, bytes, encoding } = await readUpload(ctx);
    const { publication, issue, date } = ctx.request.body;
    const number = issue === undefined || issue === null || issue === '' ? undefined : Number(issue);
    if (number !== undefined && (!Number.isInteger(number) || number < 1)) throw new errors.ValidationError('issue must be a positive whole number');
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new errors.ValidationError('date must be YYYY-MM-DD');
    try {
      // Importing into an existing issue changes it: the user must be allowed to edit that issue.
      const authorizeIssue = (id: string) => assertAdminCanEntry(strapi, ctx, 'update', 'api::issue.issue', id, 'you may not change this issue');
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
      throw asValidation(error);
    }
  },
});
