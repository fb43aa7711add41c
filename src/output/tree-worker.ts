// Worker thread entry: finishes the hosts emit.ts sends (write-host.ts), one message at a time,
// and answers each with its id and result, or the fs error's code and message. Started by
// write-tree.ts for large builds; the messages are in worker-protocol.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { FINISHED, STARTED, type HostReply, type HostRequest, type WorkerSetup } from './worker-protocol.js';
import { writeHostSync } from './write-host.js';

const { umask, progress } = workerData as WorkerSetup;
parentPort!.on('message', ({ id, job }: HostRequest) => {
  let reply: HostReply;
  try {
    reply = { id, written: writeHostSync(job, umask) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    reply = { id, error: { code: e.code, message: e.message } };
  }
  Atomics.add(progress, FINISHED, 1);
  parentPort!.postMessage(reply);
});
// Until now the main thread finished every host itself: Node's start-up in a new thread takes longer
// than checking a spec of a few hundred hosts.
Atomics.store(progress, STARTED, 1);
