// Worker thread entry: finishes the hosts emit.ts sends (write-host-sync.ts), one message at a time,
// and answers each with its id and result, or the fs error's code and message. Started by
// write-tree.ts for large builds.
import { parentPort, workerData } from 'node:worker_threads';
import { writeHostSync, type HostJob, type HostWritten } from './write-host-sync.js';

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
  /** [0]: hosts finished so far, counted before each reply (write-tree.ts balances the load by it). */
  finished: Int32Array;
}

const { umask, finished } = workerData as WorkerSetup;
parentPort!.on('message', ({ id, job }: HostRequest) => {
  let reply: HostReply;
  try {
    reply = { id, written: writeHostSync(job, umask) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { id, error: { code: e.code, message: e.message } };
  }
  Atomics.add(finished, 0, 1);
  parentPort!.postMessage(reply);
});
