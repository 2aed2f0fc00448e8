import type { Core } from '@strapi/strapi';
import { refusal } from '../newsroom/refusals';
import { resetPage } from './service';
import { pagesCarrying } from './publication';
import { DRAFT, PUBLISHED } from '../newsroom/public-filters';
import { LAYOUT_STAGE, TEXT_STAGE } from './changes';

/**
 * Files that signed pages print, through the media library's side door
 * (`POST /upload?id=…`, the 替换 button, delete, alt text):
 *  - replacing a file that a published article shows writes the new bytes as a
 *    new file (a new URL): the published rows keep the old one, every draft that
 *    showed it now shows the new one, and the signed pages carrying those drafts
 *    go back to 已编辑 (a layout change). Strapi's replace keeps the URL and
 *    overwrites the bytes, so readers would see an image nobody signed.
 *  - replacing a file only drafts show, or changing its alt text, sends the
 *    signed pages carrying them back (layout, or text) and changes it in place;
 *    readers keep the signed page's snapshot (printed.ts) until it is signed again.
 *  - a file any article shows cannot be deleted.
 */

const ARTICLE = 'api::article.article';
type FileRef = { id: number; name?: string };

async function articlesShowing(strapi: Core.Strapi, fileId: number, version: object) {
  const rows: any[] = await strapi.db.query(ARTICLE).findMany({
    where: { photos: { image: { id: fileId } }, ...version },
    select: ['id', 'documentId', 'locale', 'headline'],
  });
  return rows;
}

async function sendBack(strapi: Core.Strapi, articleDocumentIds: string[], stage: typeof LAYOUT_STAGE | typeof TEXT_STAGE, reason: string) {
  for (const article of articleDocumentIds) for (const page of await pagesCarrying(strapi, article)) await resetPage(strapi, page.documentId, stage, reason);
}

/** Points every draft photo that shows `from` at `to`, through the Document Service (so the sign-off rules see a photo change). */
async function repointDrafts(strapi: Core.Strapi, drafts: any[], from: number, to: number) {
  for (const a of drafts) {
    const row: any = await strapi.db.query(ARTICLE).findOne({
      where: { id: a.id },
      populate: { photos: { populate: { image: { select: ['id'] }, credit: { select: ['id'] } } } },
    });
    const photos = (row.photos ?? []).map(({ id: _id, image, credit, ...p }: any) => ({
      ...p,
      image: image?.id === from ? to : (image?.id ?? null),
      credit: credit?.id ?? null,
    }));
    await strapi.documents(ARTICLE as any).update({ documentId: a.documentId, locale: a.locale, data: { photos } as any });
  }
}

export function registerMediaGuards(strapi: Core.Strapi) {
  const upload: any = strapi.plugin('upload').service('upload');
  const { replace, remove, updateFileInfo } = upload;

  upload.replace = async (id: number, args: { data: any; file: any }, opts: unknown) => {
    const live = await articlesShowing(strapi, Number(id), PUBLISHED);
    const drafts = await articlesShowing(strapi, Number(id), DRAFT);
    const old: any = await strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['name'], populate: { folder: { select: ['id'] } } });
    const reason = `图片「${old?.name ?? id}」已替换`;
    if (!live.length) {
      const replaced = await replace.call(upload, id, args, opts);
      await sendBack(strapi, [...new Set(drafts.map((a) => a.documentId as string))], LAYOUT_STAGE, reason);
      return replaced;
    }
    const { fileInfo, refId: _r, ref: _f, field: _d, ...metas } = args.data ?? {};
    // The new version stays in the old one's folder of the media library.
    const folder = fileInfo?.folder ?? old?.folder?.id;
    const [created] = await upload.upload({ data: { ...metas, fileInfo: { ...(fileInfo ?? {}), ...(folder ? { folder } : {}) } }, files: args.file }, opts);
    // The repointed drafts are photo changes of their pages: the document rules send those pages back.
    await repointDrafts(strapi, drafts, Number(id), created.id);
    return created;
  };

  upload.updateFileInfo = async (id: number, info: { alternativeText?: string | null }, opts: unknown) => {
    const before: any = await strapi.db.query('plugin::upload.file').findOne({ where: { id }, select: ['name', 'alternativeText'] });
    const updated = await updateFileInfo.call(upload, id, info, opts);
    if (before && (updated?.alternativeText ?? null) !== (before.alternativeText ?? null)) {
      const drafts = await articlesShowing(strapi, Number(id), DRAFT);
      await sendBack(strapi, [...new Set(drafts.map((a) => a.documentId as string))], TEXT_STAGE, `图片「${before.name}」替代文字改动`);
    }
    return updated;
  };

  upload.remove = async (file: FileRef) => {
    const users = await articlesShowing(strapi, Number(file.id), {});
    if (users.length) {
      throw refusal('file.inUse', { name: file.name ?? String(file.id), articles: [...new Set(users.map((a) => a.headline as string))] });
    }
    return remove.call(upload, file);
  };
}
