import { errors } from '@strapi/utils';

/**
 * A 400 whose body names the field, in the shape Strapi's own validator uses:
 * `{ error: { name: 'ValidationError', details: { errors: [{ path: [field] }] } } }`.
 */
export function fieldError(field: string, message: string, value?: unknown) {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError', value }],
  });
}
