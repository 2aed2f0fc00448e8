export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
  // Tests point this at a temporary folder so their uploads never land in public/uploads.
  dirs: { public: env('PUBLIC_DIR', './public') },
});
