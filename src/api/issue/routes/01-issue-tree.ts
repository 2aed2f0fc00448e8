// Loaded before the core router (files load in name order), so `/issues/:documentId/tree`
// is matched here and not taken for a findOne. Permission: api::issue.issue.tree.
export default {
  routes: [
    {
      method: 'GET',
      path: '/issues/:documentId/tree',
      handler: 'api::issue.issue.tree',
      config: { policies: [] },
    },
  ],
};
