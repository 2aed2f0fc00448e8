/**
 * Dates and times in the admin in the newsroom's time zone (TZ, default
 * Asia/Shanghai; see ./vite.config.ts), whatever the browser's: an editor
 * travelling, or a server in another zone, still sees 出版 and 修改 times as the
 * newsroom reads them. Strapi's screens format through react-intl, which uses
 * Intl.DateTimeFormat; any call that names no time zone gets the newsroom's.
 * The language (Chinese or English format) stays the interface language's.
 */
declare const process: { env: Record<string, string | undefined> };

export const NEWSROOM_TIME_ZONE = process.env.BANMIAN_TIME_ZONE || 'Asia/Shanghai';

type Options = Intl.DateTimeFormatOptions | undefined;
const withZone = (options: Options): Intl.DateTimeFormatOptions => ({ ...options, timeZone: options?.timeZone ?? NEWSROOM_TIME_ZONE });

export function zoneDatesToNewsroom() {
  const Native = Intl.DateTimeFormat;
  if ((Native as unknown as { banmian?: boolean }).banmian) return;
  const Zoned = function (this: unknown, locales?: string | string[], options?: Options) {
    return new Native(locales, withZone(options));
  } as unknown as typeof Intl.DateTimeFormat & { banmian: boolean };
  Object.assign(Zoned, { supportedLocalesOf: Native.supportedLocalesOf, banmian: true });
  Object.defineProperty(Zoned, 'prototype', { value: Native.prototype }); // instanceof still holds
  Intl.DateTimeFormat = Zoned;
  const { toLocaleString, toLocaleDateString, toLocaleTimeString } = Date.prototype;
  Date.prototype.toLocaleString = function (locales?: string | string[], options?: Options) {
    return toLocaleString.call(this, locales, withZone(options));
  };
  Date.prototype.toLocaleDateString = function (locales?: string | string[], options?: Options) {
    return toLocaleDateString.call(this, locales, withZone(options));
  };
  Date.prototype.toLocaleTimeString = function (locales?: string | string[], options?: Options) {
    return toLocaleTimeString.call(this, locales, withZone(options));
  };
}
