// systemd drop-ins, ZooKeeper's unit and the units each host enables or masks. Part of stage 4
// (plan). The packaged Mesos, Marathon and Chronos units stay as they are; drop-ins add ordering and
// the open-file limit on top of them. ZooKeeper gets a whole unit: its package has only a SysV script.
import type { DropIn, SystemdPlan, ZookeeperUnitPlan } from './model.js';
import { agentsUseDocker, type ResolvedSpec } from '../spec/resolve.js';
import { hostUnits } from '../spec/services.js';
import type { Host } from '../spec/types.generated.js';

const NETWORK = 'network-online.target';

/** Where mesosgen writes zoo.cfg: the packaged configuration directory (an alternatives link). */
export const ZOOKEEPER_CONFIG = '/etc/zookeeper/conf/zoo.cfg';
/** Where the Debian package's /var/lib/zookeeper/myid link points: the member's id. */
export const ZOOKEEPER_MYID = '/etc/zookeeper/conf/myid';

/** ZooKeeper's unit as Debian's zookeeper and zookeeperd packages (3.4 and 3.8) lay it out. */
function zookeeperUnit(limitNOFILE: number): ZookeeperUnitPlan {
  return {
    user: 'zookeeper',
    group: 'zookeeper',
    environmentFile: '/etc/zookeeper/conf/environment',
    java: '/usr/bin/java',
    mainClass: 'org.apache.zookeeper.server.quorum.QuorumPeerMain',
    configPath: ZOOKEEPER_CONFIG,
    logDir: '/var/log/zookeeper',
    restartSec: 10,
    limitNOFILE,
  };
}

/** Plans one host's drop-ins and unit lists from its roles. Never fails. */
export function planSystemd(spec: ResolvedSpec, host: Host): SystemdPlan {
  const limit = spec.mesos.limitNOFILE;
  const dropIns: DropIn[] = [];
  const drop = (unit: string, d: Partial<DropIn>) => dropIns.push({ unit, after: [], wants: [], requires: [], ...d });
  if (host.roles.includes('master')) {
    // Wants, not Requires: a ZooKeeper restart must not take mesos-master down with it.
    const zk = 'zookeeper.service';
    drop('mesos-master.service', { after: [NETWORK, zk], wants: [NETWORK, zk], limitNOFILE: limit });
    const frameworkDeps = { after: [zk, 'mesos-master.service'], wants: [zk] };
    if (spec.marathon.enabled) drop('marathon.service', frameworkDeps);
    if (spec.chronos.enabled) drop('chronos.service', frameworkDeps);
  }
  if (host.roles.includes('agent')) {
    // Requires: the Docker containerizer cannot recover its containers without dockerd.
    const docker = agentsUseDocker(spec) ? ['docker.service'] : [];
    drop('mesos-slave.service', { after: [NETWORK, ...docker], wants: [NETWORK], requires: docker, limitNOFILE: limit });
  }
  const units = hostUnits(spec, host);
  const zookeeper = units.enable.includes('zookeeper.service') ? { zookeeperUnit: zookeeperUnit(limit) } : {};
  return { dropIns: dropIns.sort((a, b) => (a.unit < b.unit ? -1 : 1)), ...zookeeper, enable: units.enable, mask: units.mask };
}
