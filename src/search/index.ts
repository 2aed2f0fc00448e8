import type { Core } from '@strapi/strapi';
import { registerSearchRoutes } from './controller';
import { registerSearch, searchServiceOf } from './service';

/** The search room (README "Search"): registered first in register(), started at bootstrap. */
export function registerSearchRoom(strapi: Core.Strapi) {
  registerSearch(strapi);
  registerSearchRoutes(strapi);
}

export const startSearch = (strapi: Core.Strapi) => searchServiceOf(strapi).start();
export { searchServiceOf };
