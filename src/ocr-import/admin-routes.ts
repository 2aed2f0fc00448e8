import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { importOcrFile, parseOcrFile } from './import';
import { InputError, MAX_BYTES } from './decode';
import { assertAdminCan, assertAdminCanEntry } from '../newsroom/admin-ability';

/**
 * Admin-only routes behind the "导入 OCR 文本" page:
 *   POST /banmian/import/preview { fileName, contentBase64, encoding? }               → the dry-run result
 *   POST /banmian/import         { fileName, contentBase64, encoding?, publication?, issue?, date? } → the summary
 * The file travels base64-encoded in JSON (the body limit is raised to fit a 5 MB page).
 * Both need an admin who may create articles in the Content Manager.
 */

function readUpload(ctx: any) {
  assertAdminCan(ctx, 'create', 'api::article.article', 'you may not create articles');
  const { fileName, contentBase64, encoding } = ctx.request.body ?? {};
  if (typeof fileName !== 'string' || !fileName.trim()) throw new errors.ValidationError('fileName is required');
  if (typeof contentBase64 !== 'string') throw new errors.ValidationError('contentBase64 is required');
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > MAX_BYTES)
    throw new errors.ValidationError(`${fileName}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB is over the 5 MB limit for one page`);
  return { fileName: fileName.trim(), bytes, encoding: typeof encoding === 'string' && encoding ? encoding : undefined };
}

const asValidation = (error: unknown) => (error instanceof InputError ? new errors.ValidationError(error.message) : error);

export function registerImportAdminRoutes(strapi: Core.Strapi) {
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    prefix: '/banmian',
    routes: [
      {
        method: 'POST',
        path: '/import/preview',
        config: { policies },
        handler: async (ctx: any) => {
          const { fileName, bytes, encoding } = readUpload(ctx);
          try {
            ctx.body = { data: parseOcrFile(bytes, fileName, encoding) };
          } catch (error) {
            throw asValidation(error);
          }
        },
      },
      {
        method: 'POST',
        path: '/import',
        config: { policies },
        handler: async (ctx: any) => {
          const { fileName, bytes, encoding } = readUpload(ctx);
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
      },
    ],
  } as any);
}
