import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import { APP_DIR } from '../helpers/strapi';

const { sourceFiles, sourcesHash, isBuiltFrom, recordBuild } = require('../../scripts/build-stamp.js') as {
  sourceFiles: (appDir: string) => string[];
  sourcesHash: (appDir: string) => string;
  isBuiltFrom: (distDir: string, sources: string) => boolean;
  recordBuild: (distDir: string, sources: string) => void;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banmian-stamp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (dir: string, file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
};

describe('the sources dist/ is compiled from (scripts/build-stamp.js)', () => {
  it('are the files TypeScript compiles for tsconfig.json, less the documentation plugin’s generated file', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(APP_DIR, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(String(d.messageText));
        },
      },
    )!;
    const compiled = config.fileNames
      .map((f) => path.relative(APP_DIR, f).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('src/extensions/documentation/'))
      .sort();
    expect(compiled.length).toBeGreaterThan(50);
    expect(sourceFiles(APP_DIR)).toEqual(compiled);
  });

  it('hash changes when a source changes or appears, and not for what the compiler does not read', () => {
    const app = path.join(tmp, 'app');
    write(app, 'tsconfig.json', '{}');
    write(app, 'config/server.ts', 'export default {};');
    write(app, 'src/index.ts', 'export default {};');
    write(app, 'src/api/x/schema.json', '{"kind":"collectionType"}');
    const before = sourcesHash(app);
    expect(sourcesHash(app)).toBe(before);

    // Not compiled: the admin panel, tests, scripts, exports, the generated API document, files beside the code.
    write(app, 'src/admin/app.tsx', 'export {};');
    write(app, 'src/index.test.ts', 'it("x", () => {});');
    write(app, 'tests/a.ts', 'x');
    write(app, 'scripts/a.js', 'x');
    write(app, 'exports/x/1/a.ts', 'x');
    write(app, 'src/extensions/documentation/documentation/1.0.0/full_documentation.json', '{"x-generation-date":"now"}');
    write(app, 'src/broadsheet/templates/page.njk', '<p>');
    expect(sourcesHash(app)).toBe(before);

    write(app, 'src/index.ts', 'export default { changed: true };');
    const edited = sourcesHash(app);
    expect(edited).not.toBe(before);
    write(app, 'src/api/y/index.ts', 'export {};');
    expect(sourcesHash(app)).not.toBe(edited);
    const added = sourcesHash(app);
    write(app, 'src/api/x/schema.json', '{"kind":"singleType"}');
    expect(sourcesHash(app)).not.toBe(added);
    const json = sourcesHash(app);
    write(app, 'tsconfig.json', '{"compilerOptions":{"target":"ES2022"}}');
    expect(sourcesHash(app)).not.toBe(json);
  });

  it('dist/ counts as built from the sources only as the recorded compile left it', () => {
    const dist = path.join(tmp, 'dist');
    write(dist, 'src/index.js', 'module.exports = {};');
    write(dist, 'config/server.js', 'module.exports = {};');
    expect(isBuiltFrom(dist, 'h1')).toBe(false); // never stamped
    recordBuild(dist, 'h1');
    expect(isBuiltFrom(dist, 'h1')).toBe(true);
    expect(isBuiltFrom(dist, 'h2')).toBe(false); // the sources moved on
    write(dist, 'build/index.html', '<html>'); // the admin panel's build is not the compile's
    expect(isBuiltFrom(dist, 'h1')).toBe(true);
    // Another compile (strapi develop, strapi build) rewrote a file: sources put back since cannot pass for it.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dist, 'src/index.js'), later, later);
    expect(isBuiltFrom(dist, 'h1')).toBe(false);
    recordBuild(dist, 'h1');
    write(dist, 'src/api/x/index.js', 'module.exports = {};');
    expect(isBuiltFrom(dist, 'h1')).toBe(false);
  });
});
