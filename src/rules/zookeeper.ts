// Rules about the ZooKeeper ensemble and the Mesos replicated-log quorum, which both live on the masters.
import { majorityOf } from '../spec/versions.js';
import { diagnose } from '../diagnostics/diagnostic.js';
import { mastersOf } from '../spec/resolve.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

export const zookeeperMembersHaveIds: Rule = ({ spec, report }) => {
  const owner = new Map<number, string>();
  spec.hosts.forEach((host, i) => {
    const isMember = host.roles.includes('master');
    const path = toPointer('hosts', i, 'zookeeperId');
    if (!isMember) {
      if (host.zookeeperId !== undefined) report(diagnose('W_ZKID_NOT_MEMBER', path, { host: host.name }));
      return;
    }
    if (host.zookeeperId === undefined) return report(diagnose('E_ZKID_MISSING', path, { host: host.name }));
    const first = owner.get(host.zookeeperId);
    if (first !== undefined) report(diagnose('E_ZKID_DUPLICATE', path, { id: host.zookeeperId, first: `host "${first}"` }));
    else owner.set(host.zookeeperId, host.name);
  });
};

export const quorumIsMajority: Rule = ({ spec, report }) => {
  const { quorum } = spec.mesos.master;
  const masters = mastersOf(spec).length;
  if (quorum === undefined || masters === 0) return;
  const majority = majorityOf(masters);
  const params = { quorum, masters, majority };
  if (quorum > masters) report(diagnose('E_QUORUM_TOO_LARGE', '/mesos/master/quorum', params));
  else if (quorum < majority) report(diagnose('E_QUORUM_MINORITY', '/mesos/master/quorum', params));
};

export const masterCountIsOdd: Rule = ({ spec, report }) => {
  const masters = mastersOf(spec).length;
  if (masters === 0 || masters % 2 === 1) return;
  // n masters tolerate floor((n-1)/2) failures; one fewer master would tolerate as many.
  report(diagnose('W_MASTERS_EVEN', '/hosts', { masters, tolerated: Math.floor((masters - 1) / 2), odd: masters + 1 }));
};
