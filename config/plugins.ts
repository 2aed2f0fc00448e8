/**
 * Uploads on S3-compatible storage with UPLOAD_PROVIDER=s3 (several instances
 * share it; README "More than one instance"), else on local disk (PUBLIC_DIR).
 * S3_ENDPOINT is for S3-compatible servers (MinIO, Ceph, Aliyun OSS in S3 mode):
 * path-style addressing, as those expect.
 */
const s3Provider = (env) => ({
  provider: 'aws-s3',
  providerOptions: {
    baseUrl: env('S3_PUBLIC_URL', undefined),
    s3Options: {
      credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
      region: env('S3_REGION', 'us-east-1'),
      endpoint: env('S3_ENDPOINT', undefined),
      forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', Boolean(env('S3_ENDPOINT'))),
      params: { Bucket: env('S3_BUCKET') },
    },
  },
});

export default ({ env }) => ({
  // OpenAPI for frontend developers at /documentation (the tree described by src/newsroom/issue-tree-schema.ts).
  documentation: {
    enabled: true,
    config: {
      openapi: '3.0.0',
      info: {
        version: '1.0.0',
        title: 'banmian 版面 API',
        description: 'Published party-building issues, pages and articles. Anonymous calls see published content only; drafts need an API token.',
        license: { name: 'MIT' },
      },
      // The content API only: not the users-permissions or upload plugins' routes.
      'x-strapi-config': { plugins: [] },
    },
  },
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  upload: {
    config: {
      ...(env('UPLOAD_PROVIDER', 'local') === 's3' ? s3Provider(env) : {}),
      sizeLimit: 20 * 1024 * 1024,
      // Responsive formats for the broadsheet and for frontends.
      breakpoints: { large: 1600, medium: 960, small: 480 },
    },
  },
  // Mail (password resets) through an SMTP relay, the newsroom's own: SMTP_HOST and friends
  // (README "Environment variables"). Without SMTP_HOST nothing is sent; the rest works.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', 'localhost'),
        port: env.int('SMTP_PORT', 587),
        secure: env.bool('SMTP_SECURE', false),
        ...(env('SMTP_USER') ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD') } } : {}),
      },
      settings: { defaultFrom: env('MAIL_FROM', 'banmian@localhost'), defaultReplyTo: env('MAIL_FROM', 'banmian@localhost') },
    },
  },
});
