import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import semver from 'semver';

/**
 * What a newcomer's `npm install` says must be true. Every installed package's
 * engines accept Node 20, the version README names, except the two README lists
 * under "Dependencies" (preferred-pm 5 and which-pm 4, from @strapi/utils 5.54:
 * they declare Node >= 22.13 and run on Node 20, which the second test shows by
 * calling them as Strapi does). A new one fails this test before it reaches a
 * newcomer's screen.
 */
const DECLARED_ONLY = new Set(['preferred-pm@5.0.0', 'which-pm@4.0.0']);

const ROOT = path.resolve(__dirname, '..', '..');
const README_NODE = '20.0.0';

function* packages(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) {
      yield* packages(full);
      continue;
    }
    if (fs.existsSync(path.join(full, 'package.json'))) yield full;
    yield* packages(path.join(full, 'node_modules'));
  }
}

it('every installed package runs on Node 20, as README says', () => {
  const node = process.version.startsWith('v20.') ? process.version : README_NODE;
  const refused: string[] = [];
  for (const dir of packages(path.join(ROOT, 'node_modules'))) {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const range = pkg.engines?.node;
    if (DECLARED_ONLY.has(`${pkg.name}@${pkg.version}`)) continue;
    if (typeof range === 'string' && semver.validRange(range) && !semver.satisfies(node, range, { includePrerelease: true })) {
      refused.push(`${pkg.name}@${pkg.version} wants node ${range}`);
    }
  }
  expect(refused).toEqual([]);
});

it('the preferred-pm that Strapi loads answers as version 5 does, on Node 20', () => {
  // @strapi/utils does `import('preferred-pm').then((m) => m.preferredPM)`: the same, in a plain Node process.
  const script = `const from = require.resolve('@strapi/utils');
import(require.resolve('preferred-pm', { paths: [from] })).then(async (m) => console.log(JSON.stringify({ type: typeof m.preferredPM, pm: await m.preferredPM(process.cwd()) })));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
  expect(out).toMatchObject({ type: 'function', pm: { name: 'npm' } });
});
