import fs from 'fs';
import path from 'path';
import { ListFileError, listsFrom } from './lists';
import type { ProofLists } from './types';

/**
 * The edge that reads the list files (the checker takes lists as data): every
 * `*.json` in data/proofreading/, in name order, then a newsroom's own: every `*.json` in
 * BANMIAN_PROOF_DIR when set, else in data/proofreading/local/ when it exists. A
 * newsroom's files add entries to the same lists (and its `severity` file sets rule
 * severities); they never remove the project's. A broken file is refused, naming it.
 */
export const PROJECT_DIR_NAME = path.join('data', 'proofreading');

/** data/proofreading/ of the project, from src/proofreading/ or its build in dist/src/proofreading/. */
export function projectListDir(): string {
  const candidates = [path.resolve(__dirname, '..', '..', PROJECT_DIR_NAME), path.resolve(__dirname, '..', '..', '..', PROJECT_DIR_NAME)];
  const found = candidates.find((d) => fs.existsSync(d));
  if (!found) throw new ListFileError(`the proofreading lists are missing: none of ${candidates.join(', ')}`);
  return found;
}

/** The newsroom's folder: BANMIAN_PROOF_DIR (must exist when set), or data/proofreading/local/ if present. */
export function localListDir(projectDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.BANMIAN_PROOF_DIR?.trim();
  if (configured) {
    if (!fs.existsSync(configured) || !fs.statSync(configured).isDirectory()) throw new ListFileError(`BANMIAN_PROOF_DIR=${configured}: not a folder`);
    return path.resolve(configured);
  }
  const local = path.join(projectDir, 'local');
  return fs.existsSync(local) ? local : null;
}

function readDir(dir: string, label: string) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const name = `${label}/${f}`;
      try {
        return { file: name, data: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
      } catch (error) {
        throw new ListFileError(`${file}: cannot read the list (${(error as Error).message})`);
      }
    });
}

export function loadLists(opts: { projectDir?: string; localDir?: string | null; env?: NodeJS.ProcessEnv } = {}): ProofLists {
  const projectDir = opts.projectDir ?? projectListDir();
  const localDir = opts.localDir !== undefined ? opts.localDir : localListDir(projectDir, opts.env);
  const files = readDir(projectDir, 'data/proofreading');
  if (localDir) files.push(...readDir(localDir, path.resolve(localDir) === path.join(projectDir, 'local') ? 'data/proofreading/local' : localDir));
  return listsFrom(files);
}

let cached: { key: string; lists: ProofLists } | null = null;
/** loadLists() once per process and configuration (the compiled matcher is cached on the lists object). */
export function defaultLists(): ProofLists {
  const key = process.env.BANMIAN_PROOF_DIR ?? '';
  if (!cached || cached.key !== key) cached = { key, lists: loadLists() };
  return cached.lists;
}
