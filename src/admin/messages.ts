import { useIntl } from 'react-intl';
import zhHans from './translations/zh-Hans.json';
import en from './translations/en.json';
import strapiZhHans from './translations/strapi-zh-Hans.json';
import article from '../api/article/content-types/article/schema.json';
import column from '../api/column/content-types/column/schema.json';
import contributor from '../api/contributor/content-types/contributor/schema.json';
import issue from '../api/issue/content-types/issue/schema.json';
import page from '../api/page/content-types/page/schema.json';
import publication from '../api/publication/content-types/publication/schema.json';
import signoff from '../api/signoff/content-types/signoff/schema.json';
import byline from '../components/newsroom/byline.json';
import correction from '../components/newsroom/correction.json';
import pageCredits from '../components/newsroom/page-credits.json';
import pageFormat from '../components/newsroom/page-format.json';
import photo from '../components/newsroom/photo.json';
import placement from '../components/newsroom/placement.json';
import { shownLabel } from '../bootstrap/admin-labels';
import { CONTRIBUTOR_KIND_LABEL, SIGN_ROLE_LABEL, SIGNOFF_ACTION_LABEL, STAGE_LABEL } from '../newsroom/glossary';
import { isMessageCode, languageOf, phrase, type Message, type MessageCode } from '../newsroom/messages';

/**
 * The panels' own words, through react-intl: zh-Hans (the newsroom's) and en, one
 * JSON file each in ./translations, registered with the admin in app.tsx under the
 * `banmian.` prefix. The admin shows them in the user's interface language.
 *
 * ./translations/strapi-zh-Hans.json completes Strapi's own zh-Hans: the strings
 * Strapi 5.54 ships only in English (the content manager's, the media library's,
 * the home page's…), in the newsroom's words (稿件, 草稿/已发布, 新建), plus a few
 * of Strapi's own Chinese strings reworded (内容管理器 → 内容管理). Keys are
 * Strapi's, with their plugin prefix; English stays Strapi's own.
 */
export type MessageId = keyof typeof zhHans;

const prefixed = (messages: Record<string, string>) => Object.fromEntries(Object.entries(messages).map(([k, v]) => [`banmian.${k}`, v]));

/**
 * The content manager's navigation asks react-intl for each type's display name
 * as a message id (`期 Issue`), which no translation file has: every screen
 * logged a `Missing message` error per type. They are given here, as they are
 * (already Chinese, with the API name), and users-permissions' `User` as 用户.
 */
const TYPE_NAMES = Object.fromEntries(
  [article, column, contributor, issue, page, publication, signoff].map((schema) => [schema.info.displayName, schema.info.displayName]),
);

/**
 * The same for each field: lists and edit views ask for `content-manager.content-types.<uid>.<field>`
 * (`components.<uid>.<field>` in a component) with the view's label as default, and logged a
 * `Missing message` per field. The message is the label banmian gives the field
 * (src/bootstrap/admin-labels.ts: `期号 number`), or Strapi's default, the field's name.
 */
const SCHEMAS = [article, column, contributor, issue, page, publication, signoff].map(
  (s) => [`api::${s.info.singularName}.${s.info.singularName}`, s] as const,
);
const COMPONENTS = { byline, correction, 'page-credits': pageCredits, 'page-format': pageFormat, photo, placement };
const fieldNames = (schema: { attributes: object }) => ['id', ...Object.keys(schema.attributes), 'createdAt', 'updatedAt', 'publishedAt'];
const FIELD_LABELS = Object.fromEntries([
  ...SCHEMAS.flatMap(([uid, s]) => fieldNames(s).map((f) => [`content-manager.content-types.${uid}.${f}`, shownLabel(uid, f) ?? f])),
  ...Object.entries(COMPONENTS).flatMap(([name, s]) =>
    fieldNames(s).map((f) => [`content-manager.components.newsroom.${name}.${f}`, shownLabel(`newsroom.${name}`, f) ?? f]),
  ),
]);

/**
 * And each choice of a list field (enumeration), asked for by its stored code (`collecting`) in the
 * edit view's select and the list's filter: in zh-Hans the newsroom's word with the code after it,
 * in English the code.
 */
const CHOICES: Record<string, string> = {
  ...STAGE_LABEL,
  ...SIGNOFF_ACTION_LABEL,
  ...SIGN_ROLE_LABEL,
  ...CONTRIBUTOR_KIND_LABEL,
  broadsheet: '对开',
  tabloid: '四开',
  custom: '自定义',
};
const choiceCodes = [...SCHEMAS.map(([, s]) => s), ...Object.values(COMPONENTS)].flatMap((s) =>
  Object.values(s.attributes as Record<string, { enum?: string[] }>).flatMap((a) => a.enum ?? []),
);
const CHOICES_ZH = Object.fromEntries(choiceCodes.map((code) => [code, CHOICES[code] ? `${CHOICES[code]} ${code}` : code]));
const CHOICES_EN = Object.fromEntries(choiceCodes.map((code) => [code, code]));

export const translations = {
  'zh-Hans': { ...strapiZhHans, ...TYPE_NAMES, ...FIELD_LABELS, ...CHOICES_ZH, User: '用户 User', ...prefixed(zhHans) },
  en: { ...TYPE_NAMES, ...FIELD_LABELS, ...CHOICES_EN, ...prefixed(en) },
};

/** `m('signoff.done', { label })`: a message in the user's language, falling back to zh-Hans. */
export function useMessages() {
  const intl = useIntl();
  return (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id: `banmian.${id}`, defaultMessage: zhHans[id] }, values);
}

/** A server refusal (`{ code, params }`, src/newsroom/messages.ts) worded in the user's interface language. */
export function usePhrase() {
  const language = languageOf(useIntl().locale);
  return <C extends MessageCode>(message: Message<C>) => phrase(message.code, message.params, language);
}

/** What a failed request says, in the user's language: worded from the error's code when it has one, else its message. */
export function useErrorText() {
  const say = usePhrase();
  return (error: unknown) => {
    const e = error as { response?: { data?: { error?: { message?: string; details?: { code?: unknown; params?: any } } } }; message?: string };
    const body = e?.response?.data?.error;
    if (body?.details && isMessageCode(body.details.code)) return say({ code: body.details.code, params: body.details.params });
    return body?.message ?? e?.message ?? String(error);
  };
}
