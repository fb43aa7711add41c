// One side of a review: a spec (compiled in memory) or a build output directory (read from its
// manifest), seen the same way: hosts with their roles, units and generated files. Hosts load one at
// a time, so comparing two 10,000-host clusters never holds every host's files at once.
import type { ClusterPlan } from '../plan/model.js';
import { existsSync, statSync } from 'node:fs';
import { checkSpecFile } from '../pipeline.js';
import { formatDiagnosticsText } from '../diagnostics/format.js';
import { UsageError } from '../util/errors.js';
import { renderHost, renderPackages } from '../render/host.js';
import { createRenderer, type RenderedFile } from '../render/renderer.js';
import { renderWorkloads } from '../render/workloads.js';
import { sha256Hex } from '../util/hash.js';
import { openBuild } from './build-dir.js';
import type { Side, SideFile } from './side-types.js';

// install.sh and cloud-init.yaml restate rootfs (and carry the configuration id, which every spec
// change moves), so a review compares what they install instead.
const DERIVED = new Set(['install.sh', 'cloud-init.yaml', 'cloud-init.yaml.gz']);

/**
 * Opens a spec file or a build directory. Throws UsageError when the path is missing, the spec is
 * invalid (its diagnostics are in the message) or the directory is not a mesosgen build.
 */
export function openSide(path: string, given?: { specText: string; displayName: string }): Side {
  if (given) return openSpec(path, given);
  if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
  return statSync(path).isDirectory() ? openBuild(path, DERIVED) : openSpec(path);
}

function fromRendered(files: readonly RenderedFile[]): Map<string, SideFile> {
  const map = new Map<string, SideFile>();
  for (const f of files)
    if (!DERIVED.has(f.path))
      map.set(f.path, { mode: f.mode, readers: f.readers ?? [], digest: () => f.sha256 ?? sha256Hex(f.content), read: () => f.content });
  return map;
}

// `given`: the spec's text from standard input, with the name diagnostics show for it.
/** A side that is an invalid spec: a usage error for diff (exit 2, as diff(1)); plan reports it as exit 1. */
export class InvalidSpecError extends UsageError {
  constructor(label: string, readonly diagnostics: string) {
    super(`${label} is not a valid spec:\n${diagnostics.trimEnd()}`);
  }
}

function openSpec(path: string, given?: { specText: string; displayName: string }): Side {
  const checked = checkSpecFile({ specPath: path, ...given });
  const label = given?.displayName ?? path;
  if (!checked.ok || !checked.plan) throw new InvalidSpecError(label, formatDiagnosticsText(checked.diagnostics));
  return sideFromPlan(checked.plan, label);
}

/** A side from a plan already made (plan's NEW, checked once): each host rendered when it is loaded. Never throws but for InternalError. */
export function sideFromPlan(plan: ClusterPlan, label: string): Side {
  const renderer = createRenderer();
  const byName = new Map(plan.hosts.map((h) => [h.name, h]));
  return {
    label,
    cluster: plan.name,
    hostNames: plan.hosts.map((h) => h.name),
    loadHost: (name) => {
      const host = byName.get(name)!;
      // Packages are compared too: a changed .deb restarts the host's units.
      const files = [...renderHost(renderer, host, { delivery: false }), ...renderPackages(host)];
      return {
        name,
        ip: host.ip,
        roles: host.roles,
        ports: host.ports,
        zookeeperId: host.zookeeper?.myid,
        enable: host.systemd.enable,
        files: fromRendered(files),
      };
    },
    clusterFiles: fromRendered(plan.workloads ? renderWorkloads(renderer, plan.workloads) : []),
    plan,
  };
}
