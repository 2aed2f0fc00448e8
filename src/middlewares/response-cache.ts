import type { Core } from '@strapi/strapi';
import { responseCacheOf } from '../response-cache';

/** `global::response-cache` (config/middlewares.ts): the published-content response cache, src/response-cache. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return async (_ctx: unknown, next: () => Promise<unknown>) => next();
  return cache.middleware();
};
