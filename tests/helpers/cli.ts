import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';
import { APP_DIR } from './strapi';

const run = promisify(execFile);

/** Runs one of scripts/*.js as a user would (from the project folder), against the test's database. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('node', [path.join(APP_DIR, 'scripts', script), ...args], {
    cwd: APP_DIR,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    timeout: 180000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
}
