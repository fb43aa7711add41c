// Authentication, planned: the masters' credentials file, the agents' credential, and ZooKeeper
// digest credentials kept out of process lists (Mesos reads its zk URL from a 0600 file through
// file://). Secret values come from gather/; each goes only to the hosts whose role needs it.
import type { FlagFile, SecretFile } from './model.js';
import type { ResolvedSpec } from '../spec/resolve.js';

export const CREDENTIALS_PATH = '/etc/mesos/credentials';
export const AGENT_CREDENTIAL_PATH = '/etc/mesos/agent-credential';
export const ZK_URL_PATH = '/etc/mesos/zk-url';

export interface SecurityPlan {
  /** Contents of /etc/mesos/zk: the zk URL, or file:///etc/mesos/zk-url when it holds credentials. */
  mesosZkFile: string;
  /** `user:password@` for zk:// URLs of Marathon and Chronos, or "". */
  zkAuthority: string;
  /** user:password for Chronos' --zk_auth, when set. */
  zkAuth?: string;
  master: { flags: FlagFile[]; files: SecretFile[] };
  agent: { flags: FlagFile[]; files: SecretFile[] };
  /** Files every host gets (the zk URL with credentials: masters and agents both read it). */
  common: SecretFile[];
}

/** Plans the security files and flags. Assumes the rules and gather accepted every secret. */
export function planSecurity(spec: ResolvedSpec, secrets: Map<string, string>, zkMembers: string): SecurityPlan {
  const { master, agent } = spec.mesos;
  const auth = spec.zookeeper.auth;
  const password = auth && secrets.get('/zookeeper/auth/password');
  const zkAuthority = auth && password ? `${auth.user}:${password}@` : '';
  const mesosUrl = `zk://${zkAuthority}${zkMembers}${spec.zookeeper.mesosPath}`;
  const plan: SecurityPlan = {
    mesosZkFile: zkAuthority ? `file://${ZK_URL_PATH}` : mesosUrl,
    zkAuthority,
    zkAuth: zkAuthority ? zkAuthority.slice(0, -1) : undefined,
    master: { flags: [], files: [] },
    agent: { flags: [], files: [] },
    // Both Mesos daemons read it through file:// in /etc/mesos/zk.
    common: zkAuthority ? [{ path: ZK_URL_PATH.slice(1), content: `${mesosUrl}\n`, readers: ['mesos-master.service', 'mesos-slave.service'] }] : [],
  };
  const principals: Array<{ principal: string; secret: string }> = [];
  const add = (principal: string | undefined, pointer: string) => {
    const secret = secrets.get(pointer);
    if (principal !== undefined && secret !== undefined) principals.push({ principal, secret });
  };
  if (spec.marathon.enabled) add(spec.marathon.principal, '/marathon/secret');
  if (spec.chronos.enabled) add(spec.chronos.principal, '/chronos/secret');
  add(agent.principal, '/mesos/agent/secret');
  if (master.authenticateFrameworks) plan.master.flags.push({ name: 'authenticate_frameworks', value: 'true' });
  if (master.authenticateAgents) plan.master.flags.push({ name: 'authenticate_agents', value: 'true' });
  if ((master.authenticateFrameworks || master.authenticateAgents) && principals.length > 0) {
    plan.master.flags.push({ name: 'credentials', value: CREDENTIALS_PATH });
    plan.master.files.push({
      path: CREDENTIALS_PATH.slice(1),
      content: `${JSON.stringify({ credentials: principals }, null, 2)}\n`,
      readers: ['mesos-master.service'],
    });
  }
  const agentSecret = secrets.get('/mesos/agent/secret');
  if (agent.principal !== undefined && agentSecret !== undefined) {
    plan.agent.flags.push({ name: 'credential', value: AGENT_CREDENTIAL_PATH });
    plan.agent.files.push({
      path: AGENT_CREDENTIAL_PATH.slice(1),
      content: `${JSON.stringify({ principal: agent.principal, secret: agentSecret }, null, 2)}\n`,
      readers: ['mesos-slave.service'],
    });
  }
  return plan;
}
