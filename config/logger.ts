import { winston, formats } from '@strapi/logger';

// LOG_LEVEL=error keeps test output readable; Strapi's default level is http.
export default ({ env }) => ({
  transports: [
    new winston.transports.Console({
      level: env('LOG_LEVEL', 'http'),
      format: winston.format.combine(formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' })),
    }),
  ],
});
