// The output directory's life cycle: refuse to clobber what mesosgen did not make, stage beside the
// target, and swap the finished build into place with renames.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';

/** Present in every output directory mesosgen made; its absence protects directories it did not make. */
export const OUTPUT_MARKER = '.mesosgen-output';

/** Throws UsageError when `outDir` holds something mesosgen did not make (unless `force`). */
export function assertReplaceable(outDir: string, force: boolean): void {
  if (!existsSync(outDir) || force) return;
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    throw new UsageError(`${outDir} exists and is not a directory; choose another --out`);
  }
  if (names.length > 0 && !names.includes(OUTPUT_MARKER)) {
    throw new UsageError(`${outDir} is not empty and was not made by mesosgen; choose another --out, or pass --force to replace it`);
  }
}

/** Creates an empty staging directory beside `outDir` (same file system, so rename is atomic). */
export function makeStagingDir(outDir: string): string {
  try {
    mkdirSync(dirname(outDir), { recursive: true });
    return mkdtempSync(join(dirname(outDir), `.${basename(outDir)}.staging-`));
  } catch (err) {
    throw new UsageError(`cannot create the output beside ${outDir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
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
