import type { Core } from '@strapi/strapi';
import fs from 'fs/promises';
import { importOcrFile } from './import';
import { readEdits } from './edits';
import { importLimits } from './limits';
import { parseOffThread } from './parse-pool';
import { withFindings } from '../proofreading/import-findings';
import { defaultLists } from '../proofreading/load-lists';
import { asRefusal, refusal } from '../newsroom/refusals';
import { assertAdminCan, assertAdminCanEntry } from '../newsroom/admin-ability';
import { readPageChoices, readTarget } from './target';
import { listImportTargets } from './import-targets';

/**
 * The controller behind the "导入 OCR 文本" page (routes and permission checks:
 * src/admin-api/routes.ts), each request a multipart form with the page's text
 * file in the field `file`:
 *   targets  GET  /banmian/import/targets                                → publications and issues the user may import into
 *   preview  POST /banmian/import/preview  file, encoding?, edits?      → the dry-run result
 *   import   POST /banmian/import          file, encoding?, edits?, publication, issue | newIssue + date, pages? → the summary
 * `edits`: JSON list of the editor's splits and merges of articles (edits.ts).
 * The target is always explicit (target.ts): a publication the user may read, and an
 * existing issue of it the user may change or a new issue (number, date) they may create.
 * Both parse in a worker thread (parse-pool.ts), so other requests are answered
 * meanwhile; what one request may bring is bounded (limits.ts).
 */

const PUBLICATION = 'api::publication.publication';
const ISSUE = 'api::issue.issue';

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
      // The dry run shows the 审校 checker's findings on what was read (src/proofreading/).
      ctx.body = { data: withFindings(await parseOffThread(bytes, fileName, encoding, readEdits(edits)), defaultLists()) };
    } catch (error) {
      throw asRefusal(error);
    }
  },

  async targets(ctx: any) {
    ctx.body = { data: await listImportTargets(strapi, ctx) };
  },

  async import(ctx: any) {
    const { fileName, bytes, encoding, edits } = await readUpload(ctx);
    try {
      const body = ctx.request.body ?? {};
      const target = readTarget(body);
      const pages = readPageChoices(body.pages);
      // Checked before the file is parsed: the publication must be readable, and the issue the user's to change or to create.
      await assertAdminCanEntry(strapi, ctx, 'read', PUBLICATION, target.publication);
      if ('issue' in target) await assertAdminCanEntry(strapi, ctx, 'update', ISSUE, target.issue);
      else assertAdminCan(ctx, 'create', ISSUE);
      ctx.body = { data: await importOcrFile(strapi, bytes, fileName, { target, pages, encoding, edits: readEdits(edits) }) };
    } catch (error) {
      throw asRefusal(error);
    }
  },
});
