// Loads the CLI that `npm run build` bundled (dist/bundle/mesosgen.cjs) with V8's code cache made
// at build time (scripts/make-code-cache.mjs), so a command neither links ~170 modules nor compiles
// the bundle. Also sets the process's heap tuning: the cache is only accepted under the V8 flags it
// was made with, so both are set in this one place.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

const BUNDLE = fileURLToPath(new URL('../dist/bundle/mesosgen.cjs', import.meta.url));
const CACHE = `${BUNDLE}.cache`;

/**
 * V8's semi-spaces capped at 4 MB: left to grow to their default 16 MB, the main thread's young
 * generation held the checks' and the render's garbage, 63 MB more at 100,000 hosts (peak RSS 246
 * -> 183 MB), no slower. The #! line of bin/mesosgen.js carries the same flag (a test checks it).
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=4';

/**
 * Compiles and runs the bundle; returns its `main` and a function that writes the code cache of
 * what has been compiled so far. A missing, stale or rejected cache only costs compile time. Throws
 * if the bundle is missing (run `npm run build`).
 */
export function loadCli() {
  // Let the heap grow by half its live size between full collections instead of V8's default of up
  // to four times: a build's garbage (each host's rendered files) otherwise piles up in the old
  // generation. 20,000 hosts: 215 -> 175 MB peak RSS, no slower. The program's choice, not the library's.
  setFlagsFromString('--heap-growing-percent=50');
  // The young generation's size is fixed when the process starts, so bin/mesosgen.js's #! line sets
  // it (YOUNG_GENERATION_FLAG); set here too, it only keeps the flags the code cache was made under
  // the same however mesosgen is started (`node bin/mesosgen.js`, the cache's own recording).
  setFlagsFromString(YOUNG_GENERATION_FLAG);
  // A full collection on request (globalThis.gc, which compile() calls between the checks and the
  // writing): the checks' garbage is then unmapped before the tree worker starts, instead of
  // staying resident beside it (100,000 hosts: about 25 MB). Set before the bundle loads, like the
  // flags above, so the code cache sees the same flags.
  setFlagsFromString('--expose-gc');
  globalThis.gc ??= vm.runInNewContext('gc');
  const code = readFileSync(BUNDLE, 'utf8');
  // The cache names the bundle it was made from: V8 itself compares only the source's length.
  const id = createHash('sha256').update(code).digest();
  let cachedData;
  try {
    const cache = readFileSync(CACHE);
    if (cache.subarray(0, id.length).equals(id)) cachedData = cache.subarray(id.length);
  } catch {
    // no cache (a development build): compile from source
  }
  // Wrapped as Node wraps a CommonJS module, so the bundle sees require, module and __filename.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${code}\n});`;
  const script = new vm.Script(wrapped, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return {
    main: module.exports.main,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    writeCodeCache: () => writeFileSync(CACHE, Buffer.concat([id, script.createCachedData()])),
  };
}
