import path from 'path';
import { fork } from 'child_process';
import { DIST_DIR, APP_DIR } from '../helpers/strapi';

/**
 * The OCR parser's cost is linear in its input (issue 19: megabytes of spaces, bylines
 * or short paragraphs froze the server for seconds to minutes). Not measured against a
 * clock: each shape is parsed at 2, 16 and 128 KB and the CPU time of each size is
 * compared with the one before it. Linear cost grows about 8× per step (less at the
 * small sizes, where fixed costs weigh), quadratic 64×, cubic 512×; the test allows
 * 24×, three times linear, so a busy machine does not fail it and a quadratic spot does.
 * Each size is timed in a fresh single-threaded child process (tests/helpers/parse-probe.js
 * says why), after a warm-up parse of the same input,
 * in five samples of at least 20 ms of CPU each (small inputs parsed many times, the mean
 * per parse), and the least sample counts: a collection or another process's burst lands
 * in one sample, not in all five. Timed alone, once each and cold, a millisecond's parse
 * read the clock's steps and the JIT, and a busy CI once read 24× for a linear step. A
 * size whose warm-up and samples take over 144× the wall time of one parse of the size
 * before is stopped: it is not linear, and waiting for a cubic parse of 128 KB would take days.
 */

const PROBE = path.join(APP_DIR, 'tests', 'helpers', 'parse-probe.js');
// BANMIAN_PARSE_PROBE_MODULE: another parser to probe (a deliberately quadratic one shows the test fails).
const MODULE = process.env.BANMIAN_PARSE_PROBE_MODULE ?? path.join(DIST_DIR, 'src', 'ocr-import', 'import.js');
const SHAPES = ['spaces in a line', 'lines of spaces', 'bylines', 'short paragraphs', 'column lines', 'doubled words', 'photo credits', 'split edits'];
const SIZES = [2 * 1024, 16 * 1024, 128 * 1024];
const GROWTH = 8;
const ALLOWED = 3 * GROWTH;
const STOP = 6 * ALLOWED; // a warm-up and five samples of a size, each allowed ALLOWED× one parse of the size before

type Probe = { ms: number; wall: number } | { stopped: true };

/** The least CPU and wall time per parse of `shape` at `bytes` (five samples); stopped after `budget` ms of wall time once the input is ready. */
function probe(shape: string, bytes: number, budget: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = fork(PROBE, [MODULE, shape, String(bytes)], { execArgv: ['--single-threaded'], stdio: 'inherit' });
    let timer: NodeJS.Timeout | undefined;
    child.on('message', (m: { ready?: true } & Probe) => {
      if (m.ready) {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve({ stopped: true });
        }, budget);
        return;
      }
      clearTimeout(timer);
      child.kill();
      resolve(m);
    });
    child.on('error', reject);
    child.on('exit', (code) => code && reject(new Error(`${shape}: the probe exited with ${code}`)));
  });
}

describe('the OCR parser is linear in its input', () => {
  it.each(SHAPES)(
    '%s: 8× the input costs under 24× the time',
    async (shape) => {
      const times: number[] = [];
      let budget = 10 * 60 * 1000; // the smallest size: only a runaway parser takes this long
      for (const bytes of SIZES) {
        const result = await probe(shape, bytes, budget);
        if ('stopped' in result) throw new Error(`${shape}: ${bytes} bytes took over ${STOP}× the time of ${bytes / GROWTH} (stopped)`);
        times.push(result.ms);
        budget = Math.max(STOP * result.wall, 10000); // at least 10 s: on a loaded machine wall time is CPU time several times over
      }
      const growth = times.slice(1).map((t, i) => t / times[i]);
      // On failure the message shows the times [2 KB, 16 KB, 128 KB] in CPU ms and the growth per step.
      const report = `${shape}: ${times.map((t) => t.toFixed(1)).join(' / ')} ms, growth ${growth.map((g) => g.toFixed(1)).join(', ')}`;
      expect(growth.every((g) => g < ALLOWED) ? 'linear' : report).toBe('linear');
    },
    600000,
  );
});
