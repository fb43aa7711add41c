// Files mesosgen ships beside its code (schema/, templates/, package.json), found from this module's
// location so the CLI works from any working directory and from an npm install.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let root: URL | undefined;

// This module runs from dist/src/util/ (the library) and from dist/bundle/ (the CLI bundle), so the
// package root is the nearest folder above with mesosgen's package.json, not a fixed depth.
function packageRoot(): URL {
  if (root) return root;
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    try {
      if ((JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string }).name === 'mesosgen') return (root = dir);
    } catch {
      // no package.json here (or not JSON): keep looking upwards
    }
    if (dir.pathname === '/') throw new Error(`mesosgen's package.json was not found above ${fileURLToPath(import.meta.url)}`);
  }
}

/** Absolute path of a file shipped with mesosgen, e.g. `shippedPath('schema/cluster.schema.json')`. Throws if the package is broken (an internal error). */
export function shippedPath(relative: string): string {
  return fileURLToPath(new URL(relative, packageRoot()));
}

/** mesosgen's own version, from package.json. Throws if the package is broken (an internal error). */
export function mesosgenVersion(): string {
  return (JSON.parse(readFileSync(shippedPath('package.json'), 'utf8')) as { version: string }).version;
}
