// Whether dist/ was compiled from the sources as they are now, so a CLI run can
// skip the TypeScript compile (about 25 s and 600 MB) when nothing changed.
// The stamp is a hash of the contents of every file tsconfig.json hands the
// compiler, of tsconfig.json itself and of the compiler's version, written into
// dist/ after a compile. The file list mirrors tsconfig.json here because
// loading TypeScript to ask it costs a second; tests/unit/build-stamp.test.ts
// checks that the two agree.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const STAMP = '.banmian-sources';

// tsconfig.json "exclude", relative to the project folder.
const EXCLUDED = new Set(['node_modules', 'build', 'dist', '.cache', '.tmp', 'src/admin', 'src/plugins', 'tests', 'scripts', 'exports', 'data', 'examples']);
// Written by the documentation plugin at every start (with its generation date) and
// read from src/, never from dist/: an output, not a source.
const GENERATED = new Set(['src/extensions/documentation']);
// TypeScript's wildcards never enter these, wherever they are.
const NEVER = new Set(['node_modules', 'bower_components', 'jspm_packages']);

const isCode = (name) => /\.(ts|tsx|mts|cts)$/.test(name) && !/\.test\./.test(name);

/** The files the compiler reads for this project, relative to appDir, sorted. */
function sourceFiles(appDir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(appDir, rel), { withFileTypes: true })) {
      // Wildcards skip dot-files and dot-folders.
      if (entry.name.startsWith('.')) continue;
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!EXCLUDED.has(file) && !GENERATED.has(file) && !NEVER.has(entry.name)) walk(file);
      } else if (entry.isFile() && (isCode(entry.name) || (file.startsWith('src/') && entry.name.endsWith('.json')))) {
        out.push(file);
      }
    }
  };
  walk('');
  return out.sort();
}

function compilerVersion(appDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

/** One hash of everything the compiled app depends on (a few ms: the sources are about 1.5 MB). */
function sourcesHash(appDir) {
  const hash = crypto.createHash('sha256');
  hash.update(`typescript ${compilerVersion(appDir)}\0`);
  for (const file of ['tsconfig.json', ...sourceFiles(appDir)]) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(appDir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function builtFrom(distDir) {
  try {
    return fs.readFileSync(path.join(distDir, STAMP), 'utf8').trim();
  } catch {
    return null;
  }
}

/** Records, after a successful compile, the sources dist/ was compiled from. */
function recordBuild(distDir, hash) {
  fs.writeFileSync(path.join(distDir, STAMP), `${hash}\n`);
}

module.exports = { sourceFiles, sourcesHash, builtFrom, recordBuild, STAMP };
