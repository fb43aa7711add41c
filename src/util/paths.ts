// Files mesosgen ships beside its code (schema/, templates/), found from this module's location so the
// CLI works from any working directory and from an npm install.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// dist/src/util/paths.js -> package root
const ROOT = new URL('../../../', import.meta.url);

/** Absolute path of a file shipped with mesosgen, e.g. `shippedPath('schema/cluster.schema.json')`. */
export function shippedPath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}

/** mesosgen's own version, from package.json. Throws if the package is broken (an internal error). */
export function mesosgenVersion(): string {
  return (JSON.parse(readFileSync(shippedPath('package.json'), 'utf8')) as { version: string }).version;
}
