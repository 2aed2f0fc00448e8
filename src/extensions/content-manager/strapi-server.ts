/**
 * The Content Manager asks, before publishing, how many related entries are still
 * drafts, and warns "those relations will not be included in the published
 * version". For issues and pages that is not true in banmian: publishing an issue
 * publishes its signed pages and their articles first, and a page publishes its
 * articles first (src/signoff/publication.ts), or the publish is refused with the
 * reason. So for these two types nothing is left behind, and the warning would
 * only mislead the editor: the count is reported as zero.
 */
const PUBLISHED_WITH_THEIR_RELATIONS = new Set(['api::issue.issue', 'api::page.page']);

export default (plugin: any) => {
  const controllers = plugin.controllers['collection-types'];
  const countOne = controllers.countDraftRelations;
  const countMany = controllers.countManyEntriesDraftRelations;
  controllers.countDraftRelations = async function countDraftRelations(ctx: any) {
    const result = await countOne.call(this, ctx);
    if (!PUBLISHED_WITH_THEIR_RELATIONS.has(ctx.params.model) || !result?.data) return result;
    return { data: { ...result.data, unpublishedRelations: 0 } };
  };
  controllers.countManyEntriesDraftRelations = async function countManyEntriesDraftRelations(ctx: any) {
    const result = await countMany.call(this, ctx);
    if (!PUBLISHED_WITH_THEIR_RELATIONS.has(ctx.params.model) || result?.data === undefined) return result;
    return { data: 0 };
  };
  return plugin;
};
