// Every semantic rule, in the order their diagnostics read best. check.ts runs them all.
import { agentFlagsAreValid, masterFlagsAreValid } from './flags.js';
import { advertisedNamesResolve, agentFieldsNeedAgentRole, agentPortRangesAreValid, clusterHasMastersAndAgents, hostIpsAreUsable, hostNamesAreUnique } from './hosts.js';
import { executorTimeoutIsDuration, portsDoNotCollide, versionsAreSupported, workDirsAreUsable } from './mesos.js';
import type { Rule } from './rule.js';
import { masterCountIsOdd, quorumIsMajority, zookeeperMembersHaveIds, zookeeperPathIsChroot } from './zookeeper.js';

export const RULES: readonly Rule[] = [
  versionsAreSupported,
  hostNamesAreUnique,
  hostIpsAreUsable,
  advertisedNamesResolve,
  clusterHasMastersAndAgents,
  agentFieldsNeedAgentRole,
  agentPortRangesAreValid,
  zookeeperMembersHaveIds,
  zookeeperPathIsChroot,
  quorumIsMajority,
  masterCountIsOdd,
  portsDoNotCollide,
  workDirsAreUsable,
  executorTimeoutIsDuration,
  masterFlagsAreValid,
  agentFlagsAreValid,
];
