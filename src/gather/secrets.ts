// Secrets by reference: how each one the spec names is read at build time (a file beside the spec,
// or an environment variable). Values never enter a diagnostic, stdout or the
// manifest; the plan writes them only into 0600 files of the hosts that need them.
import { resolve } from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import { secretFields } from '../spec/secret-fields.js';
import { InputFileError, MAX_SECRET_BYTES, readRegularFile } from '../util/read-file.js';

// Printable ASCII without quotes, backslash, whitespace, '@' and '/': every file format a secret
// lands in (JSON, an environment file, a zk:// URL, a flag file) can then carry it verbatim.
const SAFE = /^[A-Za-z0-9!#$%&()*+,\-.:;<=>?[\]^_{|}~]+$/;

// The ZooKeeper password also goes into zk://user:password@host:port,.../path, which none of the
// readers decodes (no %-escapes): Mesos takes the credentials before the last "@" and the path from
// the first "/", Marathon's --master pattern allows no ":" in the password, and URL-minded tools
// stop at "?" and "#". A "," would read as a second server to the Chronos launcher's cut.
const URL_UNSAFE = /[:?#%,]/;
const IN_ZK_URL = '/zookeeper/auth/password';

/**
 * Reads every referenced secret. Problems come back as diagnostics naming the pointer (never the
 * value); inline strings are left to the rules. Relative files resolve from `baseDir`.
 */
export function readSecrets(
  spec: ResolvedSpec,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): { values: Map<string, string>; diagnostics: Diagnostic[] } {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { pointer, secret } of secretFields(spec)) {
    if (typeof secret === 'string') continue;
    const ref = secret.secret;
    let value: string | undefined;
    if ('file' in ref) {
      // Absolute paths stay absolute; relative ones start at the spec file's real directory.
      const tried = resolve(baseDir, ref.file);
      try {
        value = readRegularFile(tried, MAX_SECRET_BYTES)
          .toString('utf8')
          .replace(/\r?\n$/, '');
      } catch (err) {
        if (!(err instanceof InputFileError)) throw err;
        diagnostics.push(diagnose('E_SECRET_UNREADABLE', `${pointer}/secret/file`, { file: ref.file, tried, reason: err.reason }));
        continue;
      }
    } else {
      value = env[ref.env];
      if (value === undefined) {
        diagnostics.push(diagnose('E_SECRET_ENV_MISSING', `${pointer}/secret/env`, { env: ref.env }));
        continue;
      }
    }
    if (!SAFE.test(value))
      diagnostics.push(
        diagnose('E_SECRET_UNSAFE', `${pointer}/secret`, {
          why: value === '' ? 'it is empty' : 'it holds whitespace, a quote, a backslash, "@", "/" or a non-ASCII character',
        }),
      );
    else if (pointer === IN_ZK_URL && URL_UNSAFE.test(value)) {
      diagnostics.push(
        diagnose('E_SECRET_UNSAFE', `${pointer}/secret`, {
          why: 'it goes into zk:// URLs, which Mesos, Marathon and Chronos split without decoding, so it cannot hold ":", "?", "#", "%" or ","',
        }),
      );
    } else values.set(pointer, value);
  }
  return { values, diagnostics };
}
