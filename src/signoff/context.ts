import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks writes made by the sign-off service itself (stage, credits, history),
 * so the document rules let them through and do not count them as edits.
 * The storage hangs off a global symbol: tests and scripts load this module from
 * src/ while Strapi loads it from dist/, and both must see the same mark.
 */
const KEY = Symbol.for('banmian.signoff.context');
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<{ signing: true }> | undefined>;
const storage = (holder[KEY] ??= new AsyncLocalStorage<{ signing: true }>());

export const asSignoffService = <T>(fn: () => Promise<T>) => storage.run({ signing: true }, fn);
export const isSignoffService = () => storage.getStore()?.signing === true;
