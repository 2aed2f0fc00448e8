import { pathToFileURL } from 'url';

/**
 * Loads an ES module from this CommonJS build. TypeScript turns `import()` into
 * `require()` under "module": "CommonJS", which cannot load ESM-only packages
 * (pdfjs-dist); a function made at run time keeps the real `import()`. It needs a
 * plain Node context: the server's parse worker and the command line have one, Jest's
 * module sandbox does not (the tests parse PDFs through the worker, as the server does).
 */
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

export function importEsm(pkgPath: string): Promise<any> {
  return dynamicImport(pathToFileURL(require.resolve(pkgPath)).href);
}
