import { MAX_BYTES } from './decode';
import { DEFAULT_MAX_EDITS } from './edits';

/**
 * What one import may ask of the server (README, "Importing OCR'd pages"), each
 * settable in the environment: the file's size, the editor's splits and merges sent
 * with it, and the time and memory its parse may take in the worker (parse-pool.ts).
 * Read at each request, so a changed .env applies after a restart and tests can set them.
 */
export type ImportLimits = { maxBytes: number; maxEdits: number; timeoutMs: number; workerMemoryMb: number; workers: number };

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

export function importLimits(): ImportLimits {
  return {
    maxBytes: Math.floor(positive('BANMIAN_IMPORT_MAX_BYTES', MAX_BYTES)),
    maxEdits: Math.floor(positive('BANMIAN_IMPORT_MAX_EDITS', DEFAULT_MAX_EDITS)),
    timeoutMs: positive('BANMIAN_IMPORT_PARSE_TIMEOUT', 120) * 1000,
    workerMemoryMb: Math.floor(positive('BANMIAN_IMPORT_WORKER_MEMORY', 2048)),
    workers: Math.floor(positive('BANMIAN_IMPORT_WORKERS', 1)),
  };
}
