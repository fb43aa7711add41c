// Where a spec may name a secret. Rules check these fields and gather reads them; neither sees a
// secret value here, only the reference.
import type { ResolvedSpec } from './resolve.js';
import type { Secret } from './types.generated.js';

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
