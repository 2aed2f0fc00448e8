import { errors } from '@strapi/utils';
import { languageOf, MESSAGES, NewsroomError, phrase, type MessageCode, type Surface, type MessageParams } from './messages';

/**
 * The Strapi edge of messages.ts: a refusal as the HTTP error Strapi sends,
 * worded in the language of whoever asked. An admin gets their profile's
 * interface language (Strapi's `preferedLanguage`); anyone else the first
 * language of `Accept-Language` if it is English, else Chinese, the newsroom's
 * language; the command-line scripts get the command line's wording. The details always carry `{ code, params }` for clients that word
 * it themselves.
 */

export function requestSurface(): Surface {
  const ctx: any = (global as any).strapi?.requestContext?.get();
  // Work without a request: the command-line scripts set BANMIAN_MESSAGES=cli (scripts/load-strapi.js); else Chinese.
  if (!ctx) return process.env.BANMIAN_MESSAGES === 'cli' ? 'cli' : languageOf(process.env.BANMIAN_MESSAGES ?? 'zh-Hans');
  const preferred = ctx.state?.auth?.strategy?.name === 'admin' ? ctx.state.user?.preferedLanguage : null;
  return languageOf(preferred ?? String(ctx.get?.('accept-language') ?? '').split(',')[0]);
}

const ERROR_BY_STATUS = {
  400: errors.ValidationError,
  401: errors.UnauthorizedError,
  403: errors.PolicyError,
  404: errors.NotFoundError,
  413: errors.PayloadTooLargeError,
} as const;

/**
 * Thrown as errors.PolicyError for 403, not ForbiddenError: Strapi's router turns
 * a ForbiddenError raised inside a handler into a bare "Forbidden", dropping the message.
 * It does the same to an UnauthorizedError (401), which has no such exception: a
 * route that refuses with 401 sends the refusal's name, message and details itself.
 */
export function refusal<C extends MessageCode>(code: C, params: MessageParams<C>, details: Record<string, unknown> = {}) {
  const message = phrase(code, params, requestSurface());
  return new ERROR_BY_STATUS[MESSAGES[code].status](message, { code, params, ...details });
}

/** A 400 that names the field, in the shape Strapi's own validator uses (`details.errors[].path`), so the admin marks the field. */
export function fieldRefusal<C extends MessageCode>(field: string, code: C, params: MessageParams<C>, value?: unknown) {
  const message = phrase(code, params, requestSurface());
  return new errors.ValidationError(message, { code, params, errors: [{ path: [field], message, name: 'ValidationError', value }] });
}

/** A core's NewsroomError as the HTTP error, re-worded for the asker; anything else unchanged. */
export const asRefusal = (error: unknown) => (error instanceof NewsroomError ? refusal(error.code, error.params) : error);
