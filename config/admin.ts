export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  // No Strapi marketing: no NPS survey, no Enterprise upsell (the marketplace link and the
  // guided tour have no switch: src/admin/home/register.ts).
  flags: { nps: false, promoteEE: false },
  // Strapi's own preview (an unconfigured `设置预览` panel above banmian's 预览, and a 404 in the
  // log on every edit view): off. banmian's 预览 is the proof (src/admin/broadsheet-actions.tsx).
  preview: { enabled: false },
});
