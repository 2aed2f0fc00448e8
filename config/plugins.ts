export default ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  upload: {
    config: {
      sizeLimit: 20 * 1024 * 1024,
      // Responsive formats for the broadsheet and for frontends.
      breakpoints: { large: 1600, medium: 960, small: 480 },
    },
  },
});
