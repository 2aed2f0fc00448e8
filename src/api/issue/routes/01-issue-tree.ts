// Loaded before the core router (files load in name order), so `/issues/:documentId/tree`
// is matched here and not taken for a findOne.
//
// Permission: the tree shows an issue, its publication, its pages and their articles,
// columns and contributors, so it needs the read permissions of all of them (Strapi
// checks every scope of a route). These are find/findOne scopes on purpose: Strapi's
// read-only API tokens pass only scopes named `…find` or `…findOne`, so a scope of
// its own (`api::issue.issue.tree`) would refuse them a plain read. A role or a custom
// token reads the tree with the same grants that let it read what the tree shows.
const TREE_SCOPE = [
  'api::issue.issue.findOne',
  'api::publication.publication.findOne',
  'api::page.page.find',
  'api::article.article.find',
  'api::column.column.find',
  'api::contributor.contributor.find',
];

export default {
  routes: [
    {
      method: 'GET',
      path: '/issues/:documentId/tree',
      handler: 'api::issue.issue.tree',
      config: { policies: [], auth: { scope: TREE_SCOPE } },
    },
  ],
};
