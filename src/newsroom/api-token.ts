// Strapi names its content-API token strategy 'content-api-token' (5.x; earlier
// releases said 'api-token'). Drafts are for callers authenticated this way only.
const TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

export function isApiTokenRequest(ctx: any): boolean {
  return TOKEN_STRATEGIES.has(ctx?.state?.auth?.strategy?.name);
}
