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
  const storage =
    env('UPLOAD_PROVIDER', 'local') === 's3' ? [env('S3_PUBLIC_URL', ''), env('S3_ENDPOINT', '')].filter(Boolean).map((u: string) => new URL(u).origin) : [];
  const imageSources = ["'self'", 'data:', 'blob:', ...storage];
  return [
    'strapi::logger',
    'strapi::errors',
    // The admin shows uploads from S3-compatible storage when UPLOAD_PROVIDER=s3.
    { name: 'strapi::security', config: { contentSecurityPolicy: { useDefaults: true, directives: { 'img-src': imageSources, 'media-src': imageSources } } } },
    { name: 'strapi::cors', config: { origin: explicit ? origins : '*', credentials: explicit && env.bool('CORS_CREDENTIALS', false) } },
    // Before the cache, so a hit carries X-Powered-By like a miss (the early path copies the full chain's headers).
    'strapi::poweredBy',
    // Anonymous GETs of published content from memory (or Redis), with ETag/304: src/response-cache.
    // Early, so a cached answer skips the rest, but after CORS and the security headers, which it needs too.
    'global::response-cache',
    'strapi::query',
    // JSON and urlencoded bodies only: multipart forms are read by the routes that take files, after
    // their authentication, and their temp files deleted after the answer (src/uploads).
    { name: 'strapi::body', config: { multipart: false } },
    'strapi::session',
    // banmian's icon (favicon.ico at the app root): without one, every admin page load logs a 500.
    { name: 'strapi::favicon', config: { path: 'favicon.ico' } },
    'strapi::public',
  ];
};
