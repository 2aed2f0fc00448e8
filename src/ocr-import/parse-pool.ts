import path from 'path';
import { Worker } from 'worker_threads';
import { NewsroomError, type MessageCode } from '../newsroom/messages';
import { InputError } from './decode';
import type { OcrResult } from './parse';
import type { ArticleEdit } from './edits';
import { importLimits, type ImportLimits } from './limits';
import type { ParseAnswer, ParseJob } from './parse-worker';

/**
 * Parses OCR files off the event loop: a few worker threads (BANMIAN_IMPORT_WORKERS,
 * one by default) each take one file at a time, the others wait in turn, so a big
 * file never keeps the server from answering, and many at once cannot take every
 * core. A parse that runs past BANMIAN_IMPORT_PARSE_TIMEOUT seconds, or past the
 * worker's memory, ends its worker (a new one starts for the next file) and is
 * refused with a message that names the file. Refusals made in the worker come back
 * as the same errors (code and parameters), so callers answer them as before.
 */

/** Beside this file, in the compiled build (dist/src/ocr-import), which is what the server, the scripts and the tests load. */
const WORKER_FILE = path.join(__dirname, 'parse-worker.js');

type Waiting = { job: Omit<ParseJob, 'id'>; resolve: (r: OcrResult) => void; reject: (e: unknown) => void; limits: ImportLimits };
type Slot = { worker: Worker; busy: boolean };

const slots: Slot[] = [];
const queue: Waiting[] = [];
let nextId = 1;

export function parseOffThread(bytes: Buffer, file: string, encoding?: string, edits: ArticleEdit[] = []): Promise<OcrResult> {
  const limits = importLimits();
  // Refused here, before the bytes are copied to a worker (the worker checks again).
  if (bytes.length > limits.maxBytes) return Promise.reject(new InputError('import.tooLarge', { file, bytes: bytes.length, max: limits.maxBytes }));
  if (edits.length > limits.maxEdits) return Promise.reject(new InputError('import.tooManyEdits', { count: edits.length, max: limits.maxEdits }));
  return new Promise((resolve, reject) => {
    queue.push({ job: { bytes, file, encoding, edits, limits: { maxBytes: limits.maxBytes, maxEdits: limits.maxEdits } }, resolve, reject, limits });
    pump();
  });
}

function pump() {
  while (queue.length) {
    const limits = queue[0].limits;
    let slot = slots.find((s) => !s.busy);
    if (!slot && slots.length < limits.workers) {
      slot = { worker: new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: limits.workerMemoryMb } }), busy: false };
      slot.worker.unref(); // an idle worker does not keep the process alive
      slots.push(slot);
    }
    if (!slot) return;
    run(slot, queue.shift()!);
  }
}

function retire(slot: Slot) {
  slots.splice(slots.indexOf(slot), 1);
  void slot.worker.terminate();
}

function run(slot: Slot, waiting: Waiting) {
  const { job, resolve, reject, limits } = waiting;
  const { worker } = slot;
  const id = nextId++;
  slot.busy = true;
  worker.ref(); // a parse under way keeps the process alive (the command line awaits it)
  const settle = (keep: boolean, outcome: () => void) => {
    clearTimeout(timer);
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (keep) {
      slot.busy = false;
      worker.unref();
    } else retire(slot);
    outcome();
    pump();
  };
  const onMessage = (answer: ParseAnswer) => {
    if (answer.id !== id) return;
    settle(true, () => {
      if ('result' in answer) resolve(answer.result as OcrResult);
      else if ('refusal' in answer) {
        const { code, params, input } = answer.refusal;
        reject(input ? new InputError(code as MessageCode, params as any) : new NewsroomError(code as MessageCode, params as any));
      } else reject(new Error(`parsing ${job.file} failed: ${answer.failure}`));
    });
  };
  const onError = (error: Error & { code?: string }) =>
    settle(false, () =>
      reject(new InputError('import.parseFailed', { file: job.file, why: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : error.message })),
    );
  const onExit = (code: number) =>
    settle(false, () => reject(new InputError('import.parseFailed', { file: job.file, why: `the reader stopped (exit code ${code})` })));
  const timer = setTimeout(
    () => settle(false, () => reject(new InputError('import.parseTimeout', { file: job.file, seconds: Number((limits.timeoutMs / 1000).toFixed(2)) }))),
    limits.timeoutMs,
  );
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  worker.postMessage({ id, ...job });
}
