// Whether dist/ was compiled from the sources as they are now, so a CLI run can
// skip the TypeScript compile (about 25 s and 600 MB) when nothing changed.
// The stamp is a hash of the contents of every file tsconfig.json hands the
// compiler, of tsconfig.json itself and of the compiler's version, written into
// dist/ after a compile with a fingerprint of the files the compile left there. The file list mirrors tsconfig.json here because
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

/**
 * The compiled files as they lie (names, sizes, modification times; not the admin
 * panel's build/): anything else that compiles into dist/ (`strapi develop`, `strapi
 * build`) changes it, so sources edited and then put back cannot pass for the build.
 */
function distState(distDir) {
  const hash = crypto.createHash('sha256');
  const walk = (rel) => {
    const entries = fs.readdirSync(path.join(distDir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      if (file === 'build' || file === STAMP) continue;
      if (entry.isDirectory()) walk(file);
      else {
        const stat = fs.statSync(path.join(distDir, file));
        hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
      }
    }
  };
  walk('');
  return hash.digest('hex');
}

/** Whether dist/ is what the last compile made from these sources. */
function isBuiltFrom(distDir, sources) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(distDir, STAMP), 'utf8'));
    return stamp.sources === sources && stamp.dist === distState(distDir);
  } catch {
    return false;
  }
}

/** Records, after a successful compile, the sources dist/ was compiled from and the files it holds now. */
function recordBuild(distDir, sources) {
  fs.writeFileSync(path.join(distDir, STAMP), `${JSON.stringify({ sources, dist: distState(distDir) })}\n`);
}

module.exports = { sourceFiles, sourcesHash, isBuiltFrom, recordBuild, STAMP };
