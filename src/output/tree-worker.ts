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

const umask = (workerData as { umask: number }).umask;
parentPort!.on('message', ({ id, job }: HostRequest) => {
  let reply: HostReply;
  try {
    reply = { id, written: writeHostSync(job, umask) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { id, error: { code: e.code, message: e.message } };
  }
  parentPort!.postMessage(reply);
});
