// One side of a review: a spec (compiled in memory) or a build output directory (read from its
// manifest), seen the same way: hosts with their roles, units and generated files. Hosts load one at
// a time, so comparing two 10,000-host clusters never holds every host's files at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkSpecFile } from '../compile.js';
import { formatDiagnosticsText } from '../diagnostics/format.js';
import { UsageError } from '../errors.js';
import type { Role } from '../model.js';
import { OUTPUT_MARKER } from '../output-dir.js';
import { createRenderer, renderHost, renderPackages, type RenderedFile } from '../render.js';
import { renderWorkloads } from '../render-workloads.js';
import { sha256Hex } from '../util/hash.js';

export interface SideFile {
  mode: number;
  sha256: string;
  read: () => Buffer;
}

export interface SideHost {
  name: string;
  ip: string;
  roles: Role[];
  enable: string[];
  /** Generated files by path relative to the host folder (rootfs/..., packages/...). */
  files: Map<string, SideFile>;
}

export interface Side {
  label: string;
  cluster: string;
  hostNames: string[];
  loadHost: (name: string) => SideHost;
  /** cluster/ files (apps, jobs, deploy.sh), by path relative to cluster/. */
  clusterFiles: Map<string, SideFile>;
}

// install.sh and cloud-init.yaml restate rootfs (and carry the configuration id, which every spec
// change moves), so a review compares what they install instead.
const DERIVED = new Set(['install.sh', 'cloud-init.yaml']);

/**
 * Opens a spec file or a build directory. Throws UsageError when the path is missing, the spec is
 * invalid (its diagnostics are in the message) or the directory is not a mesosgen build.
 */
export function openSide(path: string): Side {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
  return statSync(path).isDirectory() ? openBuild(path) : openSpec(path);
}

function fromRendered(files: readonly RenderedFile[]): Map<string, SideFile> {
  const map = new Map<string, SideFile>();
  for (const f of files) if (!DERIVED.has(f.path)) map.set(f.path, { mode: f.mode, sha256: sha256Hex(f.content), read: () => f.content });
  return map;
}

function openSpec(path: string): Side {
  const checked = checkSpecFile({ specPath: path });
  if (!checked.ok || !checked.plan) throw new UsageError(`${path} is not a valid spec:\n${formatDiagnosticsText(checked.diagnostics).trimEnd()}`);
  const plan = checked.plan;
  const renderer = createRenderer();
  const byName = new Map(plan.hosts.map((h) => [h.name, h]));
  return {
    label: path,
    cluster: plan.name,
    hostNames: plan.hosts.map((h) => h.name),
    loadHost: (name) => {
      const host = byName.get(name)!;
      // Packages are compared too: a changed .deb restarts the host's units.
      const files = [...renderHost(renderer, host, { delivery: false }), ...renderPackages(host)];
      return { name, ip: host.ip, roles: host.roles, enable: host.systemd.enable, files: fromRendered(files) };
    },
    clusterFiles: fromRendered(plan.workloads ? renderWorkloads(renderer, plan.workloads) : []),
  };
}

interface ManifestEntry {
  path: string;
  mode: string;
  sha256: string;
}

interface Manifest {
  cluster: string;
  hosts: Array<{ name: string; ip: string; roles: Role[]; units: { enable: string[] }; files: ManifestEntry[] }>;
  workloads?: { files: ManifestEntry[] };
}

function openBuild(dir: string): Side {
  if (!existsSync(join(dir, OUTPUT_MARKER)) || !existsSync(join(dir, 'manifest.json'))) {
    throw new UsageError(`${dir} is not a mesosgen build directory (no ${OUTPUT_MARKER} and manifest.json)`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const fromManifest = (base: string, entries: ManifestEntry[]) =>
    new Map(
      entries
        .filter((e) => !DERIVED.has(e.path))
        .map((e): [string, SideFile] => [e.path, { mode: parseInt(e.mode, 8), sha256: e.sha256, read: () => readFileSync(join(base, e.path)) }]),
    );
  const byName = new Map(manifest.hosts.map((h) => [h.name, h]));
  return {
    label: dir,
    cluster: manifest.cluster,
    hostNames: manifest.hosts.map((h) => h.name),
    loadHost: (name) => {
      const h = byName.get(name)!;
      return { name, ip: h.ip, roles: h.roles, enable: h.units.enable, files: fromManifest(join(dir, 'hosts', name), h.files) };
    },
    clusterFiles: fromManifest(join(dir, 'cluster'), manifest.workloads?.files ?? []),
  };
}
