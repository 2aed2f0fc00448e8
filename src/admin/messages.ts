import { useIntl } from 'react-intl';
import zhHans from './translations/zh-Hans.json';
import en from './translations/en.json';

/**
 * The panels' own words, through react-intl: zh-Hans (the newsroom's) and en, one
 * JSON file each in ./translations, registered with the admin in app.tsx under the
 * `banmian.` prefix. The admin shows them in the user's interface language.
 */
export type MessageId = keyof typeof zhHans;

const prefixed = (messages: Record<string, string>) => Object.fromEntries(Object.entries(messages).map(([k, v]) => [`banmian.${k}`, v]));
export const translations = { 'zh-Hans': prefixed(zhHans), en: prefixed(en) };

/** `m('signoff.done', { label })`: a message in the user's language, falling back to zh-Hans. */
export function useMessages() {
  const intl = useIntl();
  return (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id: `banmian.${id}`, defaultMessage: zhHans[id] }, values);
}
