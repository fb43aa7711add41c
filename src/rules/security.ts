// Rules about secrets and authentication: secrets only by reference, complete principal/secret
// pairs, distinct principals, and a warning where a daemon can only take a secret on its command line.
import { marathonReadsEnvFile } from '../spec/versions.js';

import { diagnose } from '../diagnostics/diagnostic.js';
import { secretFields } from '../spec/secret-fields.js';
import type { Rule } from './rule.js';

export const secretsAreReferences: Rule = ({ spec, report }) => {
  for (const { pointer, secret } of secretFields(spec)) if (typeof secret === 'string') report(diagnose('E_SECRET_INLINE', pointer, {}));
};

export const authenticationIsComplete: Rule = ({ spec, report }) => {
  const { master, agent } = spec.mesos;
  const pairs = [
    { base: '/marathon', on: spec.marathon.enabled, principal: spec.marathon.principal, secret: spec.marathon.secret },
    { base: '/chronos', on: spec.chronos.enabled, principal: spec.chronos.principal, secret: spec.chronos.secret },
    { base: '/mesos/agent', on: true, principal: agent.principal, secret: agent.secret },
  ];
  for (const p of pairs) {
    if ((p.principal === undefined) !== (p.secret === undefined)) {
      const missing = p.principal === undefined ? 'principal' : 'secret';
      report(
        diagnose('E_AUTH_INCOMPLETE', p.base, {
          what: `${p.base}: a ${missing === 'principal' ? 'secret' : 'principal'}`,
          needs: `its ${missing} (${p.base}/${missing})`,
        }),
      );
    }
  }
  if (master.authenticateFrameworks) {
    for (const p of pairs.slice(0, 2).filter((p) => p.on && p.principal === undefined)) {
      report(
        diagnose('E_AUTH_INCOMPLETE', '/mesos/master/authenticateFrameworks', {
          what: 'framework authentication',
          needs: `${p.base}/principal and ${p.base}/secret, or the framework cannot register`,
        }),
      );
    }
  }
  if (master.authenticateAgents && agent.principal === undefined) {
    report(
      diagnose('E_AUTH_INCOMPLETE', '/mesos/master/authenticateAgents', {
        what: 'agent authentication',
        needs: '/mesos/agent/principal and /mesos/agent/secret',
      }),
    );
  }
};

export const principalsAreDistinct: Rule = ({ spec, report }) => {
  const owners = [
    { field: '/marathon/principal', principal: spec.marathon.enabled ? spec.marathon.principal : undefined },
    { field: '/chronos/principal', principal: spec.chronos.enabled ? spec.chronos.principal : undefined },
    { field: '/mesos/agent/principal', principal: spec.mesos.agent.principal },
  ];
  const first = new Map<string, string>();
  for (const { field, principal } of owners) {
    if (principal === undefined) continue;
    const seen = first.get(principal);
    if (seen) report(diagnose('E_PRINCIPAL_DUPLICATE', field, { principal, first: seen }));
    else first.set(principal, field);
  }
};

export const secretsStayOffCommandLines: Rule = ({ spec, report }) => {
  const zk = spec.zookeeper.auth !== undefined;
  const marathon14 = spec.marathon.enabled && !marathonReadsEnvFile(spec.versions.marathon);
  if (marathon14 && (zk || spec.marathon.httpCredentials)) {
    report(
      diagnose('W_SECRET_ON_COMMAND_LINE', zk ? '/zookeeper/auth' : '/marathon/httpCredentials', {
        what: 'With Marathon 1.4 (flags from /etc/marathon/conf), the ZooKeeper or HTTP password',
      }),
    );
  }
  if (spec.chronos.enabled && zk) {
    report(diagnose('W_SECRET_ON_COMMAND_LINE', '/zookeeper/auth', { what: "Chronos' ZooKeeper password (its --master URL and --zk_auth)" }));
  }
};

export const userDataSecretsAreChosen: Rule = ({ spec, report }) => {
  // Many clouds serve user data to any local user (metadata service) and keep it in /var/lib/cloud.
  const fields = secretFields(spec).filter((f) => typeof f.secret !== 'string');
  if (fields.length === 0 || spec.cluster.userDataSecrets !== undefined) return;
  report(diagnose('W_USERDATA_SECRETS', '/cluster', { fields: fields.map((f) => f.pointer).join(', ') }));
};
