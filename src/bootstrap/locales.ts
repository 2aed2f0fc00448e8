import type { Core } from '@strapi/strapi';

export const LOCALES = [
  { code: 'zh-Hans', name: '简体中文 (zh-Hans)' },
  { code: 'en', name: 'English (en)' },
  { code: 'zh-Hant', name: '繁體中文 (zh-Hant)' },
];
import { DEFAULT_LOCALE } from '../newsroom/glossary';

/**
 * Creates the three locales and makes zh-Hans the default — once. If an admin
 * later picks another default, a restart does not undo it.
 */
export async function ensureLocales(strapi: Core.Strapi) {
  const service = strapi.plugin('i18n').service('locales');
  for (const locale of LOCALES) {
    if (!(await service.findByCode(locale.code))) await service.create(locale);
  }
  const store = strapi.store({ type: 'plugin', name: 'banmian' });
  if (!(await store.get({ key: 'defaultLocaleSet' }))) {
    await service.setDefaultLocale({ code: DEFAULT_LOCALE });
    await store.set({ key: 'defaultLocaleSet', value: true });
  }
}
