import type { UserConfig } from 'vite';

/**
 * The newsroom's time zone for the admin bundle: `TZ` where the admin is built
 * (`npm run develop`/`build` read .env), Asia/Shanghai when unset. Strapi passes
 * the admin its environment as one `process.env` object; this adds
 * BANMIAN_TIME_ZONE to it (read by ./time-zone.ts).
 */
export default (config: UserConfig): UserConfig => {
  const env = JSON.parse(String(config.define?.['process.env'] ?? '{}'));
  env.BANMIAN_TIME_ZONE = process.env.TZ || 'Asia/Shanghai';
  return { ...config, define: { ...config.define, 'process.env': JSON.stringify(env) } };
};
