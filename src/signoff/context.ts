import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks writes made by banmian itself, so the document rules let them through:
 *  - `signing`: the sign-off service (stage, credits, history), not counted as edits;
 *  - `publishing`: a publication cascade (a signed page or issue publishing its
 *    articles and pages), the only way placed articles and pages go live.
 */
type Mark = { signing?: true; publishing?: true };
const storage = new AsyncLocalStorage<Mark>();

export const asSignoffService = <T>(fn: () => Promise<T>) => storage.run({ ...storage.getStore(), signing: true }, fn);
export const isSignoffService = () => storage.getStore()?.signing === true;
export const asPublicationCascade = <T>(fn: () => Promise<T>) => storage.run({ ...storage.getStore(), publishing: true }, fn);
export const isPublicationCascade = () => storage.getStore()?.publishing === true;
