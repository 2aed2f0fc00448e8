/**
 * CORS: browsers on other sites may read the public API, never with the
 * visitor's credentials. CORS_ORIGINS (comma-separated, e.g.
 * `https://dangjian.example.gov.cn,https://m.example.gov.cn`) limits which sites;
 * unset, any site may read (public content is public). Credentials (cookies,
 * Authorization from the browser) are allowed only with CORS_CREDENTIALS=true and
 * an explicit list: a wildcard is never combined with credentials.
 */
export default ({ env }) => {
  const origins = env('CORS_ORIGINS', '')
    .split(',')
    .map((o: string) => o.trim())
    .filter(Boolean);
  const explicit = origins.length > 0 && !origins.includes('*');
  return [
    'strapi::logger',
    'strapi::errors',
    'strapi::security',
    { name: 'strapi::cors', config: { origin: explicit ? origins : '*', credentials: explicit && env.bool('CORS_CREDENTIALS', false) } },
    'strapi::poweredBy',
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
