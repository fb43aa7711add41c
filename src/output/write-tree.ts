// Writing a host's tree off the main thread. Node's promise-based fs runs open, write and mkdir on
// libuv's thread pool, so the kernel's file creation (most of a large build's time, measured) runs
// beside the rendering of the next hosts and on the second core. Modes are exact whatever the umask:
// chmod runs only where the umask would have taken a bit away.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RenderedFile } from '../render/renderer.js';

/** The directories' mode, as in the tarballs. */
export const DIR_MODE = 0o755;

/** Creates files and directories with exact modes; one per build, since it reads the umask once. */
export interface TreeWriter {
  /**
   * Writes `files` under `dir` (created, its parent must exist; directories a previous call made are
   * reused: all live in the build's own staging directory). Rejects with the fs error on failure.
   */
  write(dir: string, files: readonly RenderedFile[]): Promise<void>;
  /** Writes one file with exactly `mode`. */
  writeFile(path: string, data: string | Buffer, mode: number): Promise<void>;
}

export function createTreeWriter(): TreeWriter {
  // Read once: calling process.umask() sets it back at once, and no other thread creates files now.
  const umask = process.umask();
  const fixMode = (path: string, mode: number) => ((mode & ~umask) === mode ? Promise.resolve() : chmod(path, mode));
  const writeExact = async (path: string, data: string | Buffer, mode: number) => {
    await writeFile(path, data, { mode });
    await fixMode(path, mode);
  };
  return {
    writeFile: writeExact,
    async write(dir, files) {
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
          const made = await mkdir(d, { mode: DIR_MODE }).then(() => true, (err: NodeJS.ErrnoException) => {
            if (err.code !== 'EEXIST') throw err;
            return false;
          });
          if (made) await fixMode(d, DIR_MODE);
        }));
      }
      await Promise.all(files.map((f) => writeExact(join(dir, f.path), f.content, f.mode)));
    },
  };
}
