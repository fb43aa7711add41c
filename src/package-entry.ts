// What the package's one bundle (dist/bundle/mesosgen.cjs, package.json "main") exports: the library
// API of index.ts, and the CLI's main, which bin/mesosgen.js runs. One bundle, not two copies of the
// same modules.
export * from './index.js';
export { main } from './cli/main.js';
