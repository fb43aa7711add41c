// Writing the build's trees. Small builds finish each host on this thread, with gzip on libuv's
// thread pool (nothing to start). From WORKER_MIN_HOSTS hosts, a worker thread finishes the hosts
// (write-host.ts): gzip, files, tarball and hashes leave the main thread, which renders the next
// hosts meanwhile on the other core, and finishes a host itself until the worker has started and
// whenever it has fallen WORKER_BACKLOG hosts behind. Every file and directory is created by
// write-files.ts, so both ways give the same bytes and modes.
import { Worker } from 'node:worker_threads';
import { InternalError } from '../util/errors.js';
import { gzipDeferred, packHost } from './pack.js';
import { FINISHED, STARTED, createProgress, type HostReply, type HostRequest, type WorkerSetup } from './worker-protocol.js';
import { readUmask, writeTreeSync } from './write-files.js';
import { writeHostFiles, writeHostSync, type HostJob, type HostWritten, type TreeFile } from './write-host.js';

/** Creates the build's trees with exact modes; one per build, since it reads the umask once. */
export interface TreeWriter {
  /** The umask read when the writer was made: what write-files.ts needs for the build's other files. */
  readonly umask: number;
  /**
   * Writes `files` under `dir` (created, its parent must exist; directories a previous call made are
   * reused: all live in the build's own staging directory). Throws the fs error on failure.
   */
  write(dir: string, files: readonly TreeFile[]): void;
  /** Gzips what render deferred, writes the host's tree and tarball, hashes them; rejects with the fs error. */
  writeHost(job: HostJob): Promise<HostWritten>;
  /** Stops the worker, if any; the writer is unusable afterwards. */
  close(): Promise<void>;
}

/** Hosts from which a build writes through a worker: below, starting one costs more than it saves. */
export const WORKER_MIN_HOSTS = 64;

export interface TreeWriterOptions {
  /** Finish hosts on a worker thread (true) or on this thread. */
  worker?: boolean;
  /**
   * Queue hosts for the worker before it has started, so that it surely takes some (tests). By
   * default this thread finishes every host itself until the worker runs.
   */
  queueBeforeStart?: boolean;
}

/** A tree writer, as `options` choose. */
export function createTreeWriter(options: TreeWriterOptions = {}): TreeWriter {
  const umask = readUmask();
  return options.worker ? createWorkerWriter(umask, options.queueBeforeStart ?? false) : createDirectWriter(umask);
}

function createDirectWriter(umask: number): TreeWriter {
  return {
    umask,
    write: (dir, files) => {
      writeTreeSync(dir, files, umask);
    },
    async writeHost(job) {
      // The gzip calls run on libuv's thread pool while this thread renders the next host.
      const files = await gzipDeferred(job.files);
      return writeHostFiles(job, files, await packHost(job.root, files), umask);
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Hosts waiting at the worker beyond which the main thread finishes the next host itself. Finishing
 * a host (gzip above all) costs more than rendering one, so the worker falls behind and the main
 * thread would otherwise idle; sharing keeps both cores busy (100 hosts: worker busy 450 ms while
 * the main thread idled 240 ms).
 */
const WORKER_BACKLOG = 3;

/**
 * The worker's young generation, in MB. Each host's files arrive as a fresh copy and die within one
 * host, so a small nursery loses nothing; V8's default (up to 3 x 16 MB) only held garbage: 20,000
 * hosts peaked at 275 MB RSS with the default and 215 MB with 4 MB, in the same time.
 */
const WORKER_YOUNG_MB = 4;

// Hosts go to the worker in order and come back in order, except those the main thread finishes
// itself when the worker is behind; the cluster tree is written on this thread.
function createWorkerWriter(umask: number, queueBeforeStart: boolean): TreeWriter {
  // The worker says here that it has started and counts the hosts it has finished, readable at once:
  // its messages only arrive when this thread next yields, which the render loop does only every few
  // hosts. Until it has started (~100 ms of Node's own start-up), this thread finishes every host.
  const progress = createProgress();
  const worker = new Worker(new URL('./tree-worker.js', import.meta.url), {
    workerData: { umask, progress } satisfies WorkerSetup,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  const waiting = new Map<number, { resolve: (w: HostWritten) => void; reject: (err: Error) => void }>();
  let next = 0;
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', ({ id, written, error }: HostReply) => {
    const w = waiting.get(id);
    waiting.delete(id);
    // An error keeps the shape of an fs error, so emit.ts reports it the same way.
    if (error || !written) w?.reject(Object.assign(new Error(error?.message ?? 'no result'), { code: error?.code }));
    else w?.resolve(written);
  });
  // fs errors come back as replies; a worker that fails or stops under a host is mesosgen's fault.
  worker.on('error', (err) => failAll(new InternalError(`the tree writer's worker thread failed: ${err.message}`)));
  worker.on('exit', (code) => failAll(new InternalError(`the tree writer's worker thread stopped (exit code ${code})`)));
  return {
    umask,
    write: (dir, files) => {
      writeTreeSync(dir, files, umask);
    },
    writeHost(job) {
      const waitingForStart = !queueBeforeStart && Atomics.load(progress, STARTED) === 0;
      if (waitingForStart || next - Atomics.load(progress, FINISHED) >= WORKER_BACKLOG) {
        try {
          return Promise.resolve(writeHostSync(job, umask));
        } catch (err) {
          return Promise.reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, job } satisfies HostRequest);
      });
    },
    close: async () => {
      await worker.terminate();
    },
  };
}
