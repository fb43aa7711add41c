// Writing the build's trees, two ways. Small builds use Node's promise-based fs and zlib on this
// thread (their calls run on libuv's thread pool; nothing to start). From WORKER_MIN_HOSTS hosts, a
// worker thread finishes the hosts with synchronous calls (write-host-sync.ts): gzip, files, tarball
// and hashes leave the main thread, which renders the next hosts meanwhile on the other core, and
// finishes a host itself until the worker has started and whenever it has fallen WORKER_BACKLOG
// hosts behind.
// Both give the same bytes and modes; modes are exact whatever the umask (chmod only where the umask
// took a bit away).
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { gzipDeferred, packHost } from './pack.js';
import { FINISHED, STARTED, createProgress, type HostReply, type HostRequest, type WorkerSetup } from './worker-protocol.js';
import { DIR_MODE, describeFiles, tarballMode, writeHostSync, type HostJob, type HostWritten, type TreeFile } from './write-host-sync.js';

export { DIR_MODE };

/** Creates files and directories with exact modes; one per build, since it reads the umask once. */
export interface TreeWriter {
  /**
   * Writes `files` under `dir` (created, its parent must exist; directories a previous call made are
   * reused: all live in the build's own staging directory). Rejects with the fs error on failure.
   */
  write(dir: string, files: readonly TreeFile[]): Promise<void>;
  /** Writes one file with exactly `mode`. */
  writeFile(path: string, data: string | Buffer, mode: number): Promise<void>;
  /** Gzips what render deferred, writes the host's tree and tarball, hashes them; rejects with the fs error. */
  writeHost(job: HostJob): Promise<HostWritten>;
  /** Stops the worker, if any; the writer is unusable afterwards. */
  close(): Promise<void>;
}

/** Hosts from which a build writes through a worker: below, starting one costs more than it saves. */
export const WORKER_MIN_HOSTS = 64;

export interface TreeWriterOptions {
  /** Finish hosts on a worker thread (true) or with promise-based fs on this thread. */
  worker?: boolean;
  /**
   * Queue hosts for the worker before it has started, so that it surely takes some (tests). By
   * default this thread finishes every host itself until the worker runs.
   */
  queueBeforeStart?: boolean;
}

/** A tree writer, as `options` choose. */
export function createTreeWriter(options: TreeWriterOptions = {}): TreeWriter {
  const direct = createDirectWriter();
  return options.worker ? createWorkerWriter(direct, options.queueBeforeStart ?? false) : direct;
}

function createDirectWriter(): TreeWriter {
  // Read once: calling process.umask() sets it back at once, and no other thread creates files now.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- no other API tells the umask; exact modes need it
  const umask = process.umask();
  const fixMode = (path: string, mode: number) => ((mode & ~umask) === mode ? Promise.resolve() : chmod(path, mode));
  const writeExact = async (path: string, data: string | Buffer, mode: number) => {
    await writeFile(path, data, { mode, flag: 'wx' });
    await fixMode(path, mode);
  };
  const write = async (dir: string, files: readonly TreeFile[]) => {
    // Parents before children, each directory once, siblings at the same time.
    const dirs = new Set<string>();
    for (const f of files) for (let d = dirname(join(dir, f.path)); d.length >= dir.length && !dirs.has(d); d = dirname(d)) dirs.add(d);
    const byDepth = new Map<number, string[]>();
    for (const d of dirs) {
      const depth = d.split('/').length;
      byDepth.set(depth, [...(byDepth.get(depth) ?? []), d]);
    }
    for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
      await Promise.all(byDepth.get(depth)!.map(async (d) => {
        const made = await mkdir(d, { mode: DIR_MODE }).then(() => true, (err: unknown) => {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
          return false;
        });
        if (made) await fixMode(d, DIR_MODE);
      }));
    }
    await Promise.all(files.map((f) => writeExact(join(dir, f.path), f.content, f.mode)));
  };
  return {
    write,
    writeFile: writeExact,
    async writeHost(job) {
      const files = await gzipDeferred(job.files);
      const [tarball] = await Promise.all([packHost(job.root, files), write(job.treeDir, files)]);
      const mode = tarballMode(files);
      await writeExact(job.tarballPath, tarball, mode);
      return { files: describeFiles(files), tarball: { sha256: sha256Hex(tarball), size: tarball.length, mode } };
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
// itself when the worker is behind; the cluster tree and single files stay direct.
function createWorkerWriter(direct: TreeWriter, queueBeforeStart: boolean): TreeWriter {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- as in createDirectWriter
  const umask = process.umask();
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
    write: (dir, files) => direct.write(dir, files),
    writeFile: (path, data, mode) => direct.writeFile(path, data, mode),
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
