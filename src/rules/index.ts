// Stage 2, check: every semantic rule over the defaulted spec, in the order their diagnostics read
// best. All rules run; nothing stops early.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedSpec } from '../spec/resolve.js';
import { agentFlagsAreValid, chronosFlagsAreValid, marathonFlagsAreValid, masterFlagsAreValid } from './flags.js';
import { adminServerExists, dockerIsEnabledWhenUsed, marathonValuesFitEnvFile, timeoutsAllowImagePulls, zookeeperPathsAreChroots } from './frameworks.js';
import {
  advertisedNamesResolve,
  agentFieldsNeedAgentRole,
  clusterHasMastersAndAgents,
  etcHostsStayLinear,
  hostIpsAreUsable,
  hostNamesAreUnique,
} from './hosts.js';
import { agentFailoverIsExpressible, agentFailoverOutlastsZkSession, executorTimeoutIsDuration, versionsAreSupported, workDirsAreUsable } from './mesos.js';
import { bundleFilesAreUnique, packageSourceIsConfigured, repositoryIsServed } from './packages.js';
import { agentPortRangesAreValid, portsDoNotCollide, portsOutsideOfferedRange } from './ports.js';
import { appConstraintsAreValid, appIdsAreValid, appNetworksAreValid, appsRunSomething, dockerAppsHaveDocker } from './apps.js';
import { dockerJobsHaveDocker, jobFieldsFitVersion, jobNamesAreValid, jobParentsFormNoCycle, jobTimeZonesExist, jobsHaveOneTrigger } from './jobs.js';
import { appHostPortsAreOffered, frameworksRunWorkloads, workloadsFitAgents } from './placement.js';
import type { Rule } from './rule.js';
import { authenticationIsComplete, principalsAreDistinct, secretsAreReferences, secretsStayOffCommandLines, userDataSecretsAreChosen } from './security.js';
import { numbersAreExact } from './numbers.js';
import { valuesAreOneLine } from './text.js';
import { masterCountIsOdd, quorumIsMajority, zookeeperMembersHaveIds } from './zookeeper.js';

export const RULES: readonly Rule[] = [
  valuesAreOneLine,
  numbersAreExact,
  versionsAreSupported,
  hostNamesAreUnique,
  hostIpsAreUsable,
  advertisedNamesResolve,
  etcHostsStayLinear,
  clusterHasMastersAndAgents,
  agentFieldsNeedAgentRole,
  agentPortRangesAreValid,
  zookeeperMembersHaveIds,
  zookeeperPathsAreChroots,
  adminServerExists,
  quorumIsMajority,
  masterCountIsOdd,
  portsDoNotCollide,
  portsOutsideOfferedRange,
  workDirsAreUsable,
  executorTimeoutIsDuration,
  agentFailoverIsExpressible,
  agentFailoverOutlastsZkSession,
  dockerIsEnabledWhenUsed,
  timeoutsAllowImagePulls,
  masterFlagsAreValid,
  agentFlagsAreValid,
  marathonFlagsAreValid,
  chronosFlagsAreValid,
  marathonValuesFitEnvFile,
  packageSourceIsConfigured,
  repositoryIsServed,
  bundleFilesAreUnique,
  appIdsAreValid,
  appsRunSomething,
  appNetworksAreValid,
  appConstraintsAreValid,
  dockerAppsHaveDocker,
  jobNamesAreValid,
  jobsHaveOneTrigger,
  jobTimeZonesExist,
  jobParentsFormNoCycle,
  jobFieldsFitVersion,
  dockerJobsHaveDocker,
  workloadsFitAgents,
  appHostPortsAreOffered,
  frameworksRunWorkloads,
  secretsAreReferences,
  authenticationIsComplete,
  principalsAreDistinct,
  secretsStayOffCommandLines,
  userDataSecretsAreChosen,
];

/** Returns every diagnostic the rules find (empty when the spec is sound). Never throws for user input. */
export function checkSpec(spec: ResolvedSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => void diagnostics.push(d);
  for (const rule of RULES) rule({ spec, report });
  return diagnostics;
}
