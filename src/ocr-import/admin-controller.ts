import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import { importOcrFile } from './import';
import { readEdits } from './edits';
import { importLimits } from './limits';
import { parseOffThread } from './parse-pool';
import { asRefusal, refusal } from '../newsroom/refusals';
import { assertAdminCanEntry } from '../newsroom/admin-ability';

/**
 * The controller behind the "导入 OCR 文本" page (routes and permission checks:
 * src/admin-api/routes.ts), each request a multipart form with the page's text
 * file in the field `file`:
 *   preview  POST /banmian/import/preview  file, encoding?, edits?                             → the dry-run result
 *   import   POST /banmian/import          file, encoding?, edits?, publication?, issue?, date? → the summary
 * `edits`: JSON list of the editor's splits and merges of articles (edits.ts).
 * Importing into an existing issue also needs the right to edit that issue.
 * Both parse in a worker thread (parse-pool.ts), so other requests are answered
 * meanwhile; what one request may bring is bounded (limits.ts).
 */

async function readUpload(ctx: any) {
  const raw = ctx.request.files?.file;
  const file = Array.isArray(raw) ? raw[0] : raw;
  if (!file?.filepath) throw refusal('import.chooseFile', {}, { path: ['file'] });
  const fileName = String(file.originalFilename || file.newFilename || 'page.txt');
  const { maxBytes } = importLimits();
  if (file.size > maxBytes) throw refusal('import.tooLarge', { file: fileName, bytes: file.size, max: maxBytes });
  const bytes = await fs.readFile(file.filepath);
  const { encoding, edits } = ctx.request.body ?? {};
  return { fileName, bytes, encoding: typeof encoding === 'string' && encoding ? encoding : undefined, edits };
}

export const importAdminController = (strapi: Core.Strapi) => ({
  async preview(ctx: any) {
    const { fileName, bytes, encoding, edits } = await readUpload(ctx);
    try {
      ctx.body = { data: await parseOffThread(bytes, fileName, encoding, readEdits(edits)) };
    } catch (error) {
      throw asRefusal(error);
    }
  },

  async import(ctx: any) {
    const { fileName, bytes, encoding, edits } = await readUpload(ctx);
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
          edits: readEdits(edits),
          authorizeIssue,
        }),
      };
    } catch (error) {
      throw asRefusal(error);
    }
  },
});
