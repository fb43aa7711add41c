// Secrets by reference: where the spec may name one, and how each is read at build time (a file
// beside the spec, or an environment variable). Values never enter a diagnostic, stdout or the
// manifest; the plan writes them only into 0600 files of the hosts that need them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics/diagnostic.js';
import type { ResolvedSpec } from './resolve.js';
import type { Secret } from './spec/types.generated.js';

/** Every secret field the spec fills in, by JSON Pointer. */
export function secretFields(spec: ResolvedSpec): Array<{ pointer: string; secret: Secret }> {
  const fields: Array<[string, Secret | undefined]> = [
    ['/mesos/agent/secret', spec.mesos.agent.secret],
    ['/marathon/secret', spec.marathon.secret],
    ['/marathon/httpCredentials/password', spec.marathon.httpCredentials?.password],
    ['/chronos/secret', spec.chronos.secret],
    ['/chronos/httpCredentials/password', spec.chronos.httpCredentials?.password],
    ['/zookeeper/auth/password', spec.zookeeper.auth?.password],
  ];
  return fields.filter((f): f is [string, Secret] => f[1] !== undefined).map(([pointer, secret]) => ({ pointer, secret }));
}

// Printable ASCII without quotes, backslash, whitespace, '@' and '/': every file format a secret
// lands in (JSON, an environment file, a zk:// URL, a flag file) can then carry it verbatim.
const SAFE = /^[A-Za-z0-9!#$%&()*+,\-.:;<=>?[\]^_{|}~]+$/;

/**
 * Reads every referenced secret. Problems come back as diagnostics naming the pointer (never the
 * value); inline strings are left to the rules. Relative files resolve from `baseDir`.
 */
export function readSecrets(spec: ResolvedSpec, baseDir: string, env: NodeJS.ProcessEnv = process.env): { values: Map<string, string>; diagnostics: Diagnostic[] } {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const { pointer, secret } of secretFields(spec)) {
    if (typeof secret === 'string') continue;
    const ref = secret.secret;
    let value: string | undefined;
    if ('file' in ref) {
      try {
        value = readFileSync(join(baseDir, ref.file), 'utf8').replace(/\r?\n$/, '');
      } catch (err) {
        diagnostics.push(diagnose('E_SECRET_UNREADABLE', `${pointer}/secret/file`, { file: ref.file, reason: (err as NodeJS.ErrnoException).code ?? 'unreadable' }));
        continue;
      }
    } else {
      value = env[ref.env];
      if (value === undefined) {
        diagnostics.push(diagnose('E_SECRET_ENV_MISSING', `${pointer}/secret/env`, { env: ref.env }));
        continue;
      }
    }
    if (!SAFE.test(value)) diagnostics.push(diagnose('E_SECRET_UNSAFE', `${pointer}/secret`, { why: value === '' ? 'it is empty' : 'it holds whitespace, a quote, a backslash, "@", "/" or a non-ASCII character' }));
    else values.set(pointer, value);
  }
  return { values, diagnostics };
}
