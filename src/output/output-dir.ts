// The output directory's life cycle: refuse to clobber what mesosgen did not make, stage beside the
// target, and swap the finished build into place with renames.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { describeIoError, UsageError } from '../util/errors.js';

/** Present in every output directory mesosgen made; its absence protects directories it did not make. */
export const OUTPUT_MARKER = '.mesosgen-output';

/**
 * Throws UsageError when replacing `outDir` could destroy what mesosgen did not make. Whatever
 * `force` says, a directory is never replaced when it is `/`, HOME, the current directory or one of
 * its ancestors, a mount point, a git work tree, or when it holds the spec or any file the spec
 * reads (`inputs`). Without `force`, a non-empty directory must carry OUTPUT_MARKER. Returns what
 * `force` lets it replace that mesosgen did not make (its entry count and first names, sorted).
 */
export function assertReplaceable(outDir: string, force: boolean, inputs: readonly string[] = []): ForeignDir | undefined {
  if (!existsSync(outDir)) return undefined;
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    throw new UsageError(`${outDir} exists and is not a directory; choose another --out`);
  }
  if (names.length === 0) return undefined;
  const why = describeProtection(outDir, names, inputs);
  if (why) throw new UsageError(`refusing to replace ${outDir}: ${why}; choose another --out (--force does not change this)`);
  if (!force && !names.includes(OUTPUT_MARKER)) {
    throw new UsageError(`${outDir} is not empty and was not made by mesosgen; choose another --out, or pass --force to replace it`);
  }
  if (names.includes(OUTPUT_MARKER)) return undefined;
  return { entries: names.length, first: [...names].sort().slice(0, 5) };
}

/** A non-empty directory mesosgen did not make, replaced under --force. */
export interface ForeignDir {
  entries: number;
  /** Up to five of its entries' names, sorted. */
  first: string[];
}

// Why replacing `dir` (which exists and is not empty) would destroy something, or undefined.
function describeProtection(dir: string, names: readonly string[], inputs: readonly string[]): string | undefined {
  const real = realpathSync(dir);
  const within = (path: string) => path === real || path.startsWith(real === sep ? sep : real + sep);
  const cwd = realOf(process.cwd());
  const home = realOf(homedir());
  if (real === sep) return 'it is the root directory';
  if (home !== undefined && real === home) return 'it is your home directory';
  if (cwd !== undefined && within(cwd)) return 'it is the current directory or one of its parents';
  if (names.includes('.git')) return 'it holds a git repository (.git)';
  if (isMountPoint(real)) return 'it is a mount point';
  const input = inputs.map((p) => realOf(resolve(p)) ?? resolve(p)).find(within);
  if (input !== undefined) return `it holds ${input}, which this build reads`;
  return undefined;
}

function realOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

// A mount point sits on another device than its parent (or is its own parent: the root).
function isMountPoint(real: string): boolean {
  const self = lstatSync(real);
  const parent = statSync(dirname(real));
  return self.dev !== parent.dev || self.ino === parent.ino;
}

/** Creates an empty staging directory beside `outDir` (same file system, so rename is atomic). */
export function makeStagingDir(outDir: string): string {
  try {
    mkdirSync(dirname(outDir), { recursive: true });
    return mkdtempSync(join(dirname(outDir), `.${basename(outDir)}.staging-`));
  } catch (err) {
    throw new UsageError(`cannot create the output beside ${outDir}: ${describeIoError(err)}`);
  }
}

// Two renames: the old output moves aside, the new one takes its name, then the old one goes.
export function swapIntoPlace(staging: string, outDir: string): void {
  const old = `${staging}.old`;
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, old);
  try {
    renameSync(staging, outDir);
  } catch (err) {
    if (hadOld) renameSync(old, outDir);
    throw err;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
