import path from 'path';
import { Worker } from 'worker_threads';
import { DIST_DIR, APP_DIR } from '../helpers/strapi';

/**
 * The OCR parser's cost is linear in its input (issue 19: megabytes of spaces, bylines
 * or short paragraphs froze the server for seconds to minutes). Not measured against a
 * clock: each shape is parsed at 2, 16 and 128 KB and the CPU time of each size is
 * compared with the one before it. Linear cost grows about 8× per step (less at the
 * small sizes, where fixed costs weigh), quadratic 64×, cubic 512×; the test allows
 * 24×, three times linear, so a busy machine does not fail it and a quadratic spot does.
 * Each size runs three times in a fresh worker thread and the least time counts (a
 * collection or another process's burst lands in one run, not in all three). A run that
 * takes over 72× the size before it (wall time, three runs) is stopped: it is not
 * linear, and waiting for a cubic parse of 128 KB would take days.
 */

const PROBE = path.join(APP_DIR, 'tests', 'helpers', 'parse-probe.js');
const MODULE = path.join(DIST_DIR, 'src', 'ocr-import', 'import.js');
const SHAPES = ['spaces in a line', 'lines of spaces', 'bylines', 'short paragraphs', 'column lines', 'doubled words', 'photo credits', 'split edits'];
const SIZES = [2 * 1024, 16 * 1024, 128 * 1024];
const GROWTH = 8;
const ALLOWED = 3 * GROWTH;

type Probe = { ms: number; wall: number } | { stopped: true };

/** The least CPU and wall time of three parses of `shape` at `bytes`; stopped after `budget` ms of wall time once the input is ready. */
function probe(shape: string, bytes: number, budget: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROBE, { workerData: { module: MODULE, shape, bytes } });
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', (m) => {
      if (m.ready) {
        timer = setTimeout(() => void worker.terminate().then(() => resolve({ stopped: true })), budget);
        return;
      }
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.on('error', reject);
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
        if ('stopped' in result) throw new Error(`${shape}: ${bytes} bytes took over ${3 * ALLOWED}× the time of ${bytes / GROWTH} (stopped)`);
        times.push(Math.max(result.ms, 0.5)); // a CPU clock reads in steps; under half a millisecond is noise
        budget = Math.max(3 * ALLOWED * result.wall, 1000);
      }
      const growth = times.slice(1).map((t, i) => t / times[i]);
      // On failure the message shows the times: [2 KB, 16 KB, 128 KB] in CPU ms, and the growth per step.
      expect({
        shape,
        times: times.map((t) => +t.toFixed(1)),
        growth: growth.map((g) => +g.toFixed(1)),
        under: growth.every((g) => g < ALLOWED),
      }).toMatchObject({
        under: true,
      });
    },
    600000,
  );
});
