import { spawn, type ChildProcess } from 'child_process';
import net from 'net';
import path from 'path';

/**
 * Other processes a test starts beside its own Strapi: Debian's redis-server and a second banmian
 * instance (tests/helpers/instance.js), each on a free loopback port. (No import of ./strapi, so a
 * unit test can start Redis without loading Strapi.)
 */

const APP_DIR = path.resolve(__dirname, '..', '..');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first or takes too long. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeout = 120000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${pattern}" within ${timeout} ms: ${out}`)), timeout);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

/** A throw-away redis-server with no persistence (its working folder is `dir`). */
export async function startRedis(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'pipe' });
  await waitForLine(redis, /Ready to accept connections/);
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill('SIGTERM') };
}

/**
 * A second banmian instance in its own process, on the database, secrets and storage of this
 * process's environment (startStrapi put them there) plus `env`.
 */
export async function startSecondInstance(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn('node', [path.join(APP_DIR, 'tests', 'helpers', 'instance.js')], { cwd: APP_DIR, env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [, port] = await waitForLine(child, /ready (\d+)/);
  return { url: `http://127.0.0.1:${port}`, child, output: () => out };
}
