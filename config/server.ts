export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
  // Tests point this at a temporary folder so their uploads never land in public/uploads.
  dirs: { public: env('PUBLIC_DIR', './public') },
  // /documentation is for admins unless DOCUMENTATION_PUBLIC=true (src/newsroom/documentation.ts); it never describes private fields.
  documentation: { public: env.bool('DOCUMENTATION_PUBLIC', false) },
  // Multipart uploads (src/uploads): where their temp files go while a request runs, and per-request limits
  // of the media library (each file is also held to the upload plugin's sizeLimit, config/plugins.ts).
  uploads: {
    tmpDir: env('UPLOAD_TMP_DIR', ''),
    maxFiles: env.int('UPLOAD_MAX_FILES', 20),
    requestMaxBytes: env.int('UPLOAD_REQUEST_MAX_MB', 50) * 1024 * 1024,
  },
});
