import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import { siteView } from './view-model';
import { PageNotFoundError, renderPrint } from './render';
import { previewImages } from './preview-images';
import { exportIssue } from './export';
import { asRefusal } from '../newsroom/refusals';
import { zipFolder } from './zip';

/**
 * The controller behind the issue edit view's 预览 and 导出 buttons (routes and
 * permission checks: src/admin-api/routes.ts):
 *   preview  GET /banmian/preview/issues/:documentId[?page=N][&locale=…][&status=published]  → HTML, an A3 proof of each 版
 *   export   GET /banmian/export/issues/:documentId[?locale=…][&status=draft]                 → zip
 * The preview shows drafts by default (that is what an editor is working on);
 * the export takes the published version unless asked for the draft.
 */

function queryString(ctx: any, name: string): string | undefined {
  const v = ctx.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new errors.ValidationError(`${name} must be given once`);
  return v;
}

export const broadsheetAdminController = (strapi: Core.Strapi) => ({
  async preview(ctx: any) {
    const page = queryString(ctx, 'page');
    const locale = queryString(ctx, 'locale');
    const status = queryString(ctx, 'status') === 'published' ? 'published' : 'draft';
    const result = await strapi.service('api::issue.issue').loadTree({ documentId: ctx.params.documentId, locale, status });
    if (!result) return ctx.notFound(`issue ${ctx.params.documentId} not found`);
    const view = siteView(result.tree, previewImages(result.tree, ctx.origin));
    let html: string;
    try {
      // A proof (大样): each 版 scaled onto A3, overset blocks marked by the copyfit script measuring in the editor's browser.
      html = renderPrint(view, {
        inlineCss: true,
        proof: 'a3',
        copyfitScript: `${ctx.origin}/banmian/assets/copyfit.js`,
        pages: page ? [Number(page)] : undefined,
      });
    } catch (error: any) {
      // A page number the issue lacks is the caller's mistake; anything else is ours.
      if (error instanceof PageNotFoundError) throw new errors.NotFoundError(error.message);
      strapi.log.error(`preview of issue ${ctx.params.documentId} failed: ${error.stack ?? error.message}`);
      ctx.status = 500;
      ctx.body = { data: null, error: { status: 500, name: 'PreviewError', message: `预览生成失败：${error.message}` } };
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  },

  async export(ctx: any) {
    const locale = queryString(ctx, 'locale');
    const drafts = queryString(ctx, 'status') === 'draft';
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'banmian-admin-export-'));
    try {
      const summary = await exportIssue(strapi, { documentId: ctx.params.documentId, locale, drafts, outDir: path.join(tmp, 'site') });
      // The version exported is said in the name and a header: 导出 on a published issue's 草稿 tab once exported drafts silently.
      const version = drafts ? 'draft' : 'published';
      const name = `${summary.publication || 'issue'}-${summary.issue}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}-${version}.zip"`);
      ctx.set('X-Banmian-Version', version);
      ctx.set('Access-Control-Expose-Headers', 'X-Banmian-Version, Content-Disposition');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'application/zip';
      ctx.body = await zipFolder(path.join(tmp, 'site'), name);
    } catch (error: any) {
      throw asRefusal(error);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  },
});
