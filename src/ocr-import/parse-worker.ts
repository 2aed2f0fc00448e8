import { parentPort } from 'worker_threads';
import { NewsroomError } from '../newsroom/messages';
import { InputError } from './decode';
// Every format a desk receives (src/import-formats/): a text file is read by read-file.ts as before.
import { readImportFile } from '../import-formats/read';

/**
 * The worker thread that parses OCR files for the server (parse-pool.ts), so that
 * a long parse never holds up the event loop that answers requests. Each message is
 * one file; the answer is the plain result, or the refusal as its code and
 * parameters (rebuilt as the same error on the other side), or the failure's text.
 */
export type ParseJob = {
  id: number;
  bytes: Uint8Array;
  file: string;
  encoding?: string;
  edits: unknown[];
  limits: { maxBytes: number; maxEdits: number };
};
export type ParseAnswer =
  { id: number; result: unknown } | { id: number; refusal: { code: string; params: unknown; input: boolean } } | { id: number; failure: string };

parentPort?.on('message', async (job: ParseJob) => {
  let answer: ParseAnswer;
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    answer = { id: job.id, result: await readImportFile(bytes, job.file, job.encoding, job.edits as any, job.limits) };
  } catch (error) {
    answer =
      error instanceof NewsroomError
        ? { id: job.id, refusal: { code: error.code, params: error.params, input: error instanceof InputError } }
        : { id: job.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(answer);
});
