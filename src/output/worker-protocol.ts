// What write-tree.ts and its worker thread (tree-worker.ts) exchange: the setup, one request and one
// reply per host, and a shared counter the main thread reads without waiting for a message. Kept
// apart from tree-worker.ts, whose module body starts listening and so must only run in the worker.
import type { HostJob, HostWritten } from './write-host.js';

export interface HostRequest {
  id: number;
  job: HostJob;
}

export interface HostReply {
  id: number;
  written?: HostWritten;
  error?: { code?: string; message: string };
}

export interface WorkerSetup {
  umask: number;
  /** Written by the worker, read by write-tree.ts to share the hosts: see STARTED and FINISHED. */
  progress: Int32Array;
}

/** Index in WorkerSetup.progress: 1 once the worker takes hosts. */
export const STARTED = 0;
/** Index in WorkerSetup.progress: hosts the worker has finished, counted before each reply. */
export const FINISHED = 1;

/** Shared memory for WorkerSetup.progress. */
export function createProgress(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}
