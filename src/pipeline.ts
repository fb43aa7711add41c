// The driver. It chains the stages, each a folder of src/: spec (load -> validate -> resolve) ->
// rules (check) -> gather -> plan -> render -> output (emit + pack).
import { planWorkloads } from './plan/workloads.js';
import { resolve } from 'node:path';
import { checkSpec } from './rules/index.js';
import { diagnose, isFatal, type Diagnostic, type LocatedDiagnostic } from './diagnostics/diagnostic.js';
import { locateDiagnostics } from './diagnostics/locate.js';
import { emitCluster, type EmitSummary } from './output/emit.js';
import { WORKER_MIN_HOSTS, createTreeWriter, type TreeWriter } from './output/write-tree.js';
import { gatherInputs } from './gather/inputs.js';
import { loadSpec, parseAnySpecText, type LoadedSpec } from './spec/load.js';
import type { ClusterPlan, WorkloadRemovals } from './plan/model.js';
import { mesosgenVersion } from './util/paths.js';
import { planCluster } from './plan/cluster.js';
import { renderHost } from './render/host.js';
import { createRenderer, type RenderedFile, type Renderer } from './render/renderer.js';
import { renderWorkloads } from './render/workloads.js';
import { mastersOf, resolveSpec, type ResolvedSpec } from './spec/resolve.js';
import { byteOrder } from './util/order.js';
import { validateSpec } from './spec/validate.js';
import { findHostRanges } from './spec/host-ranges.js';

export interface CheckOptions {
  /** Path of the spec file. */
  specPath: string;
  /** Name used in diagnostics; defaults to specPath. */
  displayName?: string;
  /** The spec's text, when it does not come from specPath (standard input); specPath's folder still anchors relative paths. */
  specText?: string;
  /** Apps and jobs of the deployed build that this spec drops (`mesosgen plan`): deploy.sh deletes them. */
  removedWorkloads?: WorkloadRemovals;
  /** Treat warnings as errors. */
  strict?: boolean;
}

export interface CompileOptions extends CheckOptions {
  outDir: string;
  /** Replace a non-empty output directory mesosgen did not make. */
  force?: boolean;
  /** Files and directories the caller reads besides the spec (plan's OLD and --hosts): never replaced, whatever `force` says. */
  alsoReads?: readonly string[];
  /** Aborted on SIGINT/SIGTERM by the CLI: the build stops, the previous output stays. */
  signal?: AbortSignal;
  /** More files for OUT/cluster/ (the rollout of `mesosgen plan`), rendered with the build's renderer. */
  extraClusterFiles?: (plan: ClusterPlan, renderer: Renderer) => RenderedFile[];
  /** Files for OUT/cluster/ that need every host's tarball sha256 (the Ansible inventory of `mesosgen plan`). */
  lateClusterFiles?: (plan: ClusterPlan, tarballs: ReadonlyMap<string, string>) => RenderedFile[];
  /**
   * Finish hosts on a worker thread (true: hosts queue for it from the first, so tests see it work)
   * or this one (false); default: by cluster size, this thread helping (output/write-tree.ts).
   */
  treeWorker?: boolean;
  /** Told what the build is doing: checking the spec, then each host written (with its files). */
  onProgress?: (event: ProgressEvent) => void;
  /** The spec as checkSpecFile already checked it (ok, with a plan): built as it is, not read again. */
  checked?: CheckResult;
}

export type ProgressEvent =
  | { phase: 'checking' }
  | { phase: 'writing'; done: number; total: number; host: string; files: readonly string[] };

export interface CheckResult {
  ok: boolean;
  diagnostics: LocatedDiagnostic[];
  plan?: ClusterPlan;
  /** Absolute paths of the spec and every file it names; no output directory may hold one. */
  inputs?: string[];
  /** The spec's text, for code frames. */
  sourceText?: string;
  /** The same plan with other removed apps and jobs for deploy.sh (plan knows them once it has diffed). */
  withRemovedWorkloads?: (removals: WorkloadRemovals) => ClusterPlan;
}

export interface CompileResult extends CheckResult {
  summary?: EmitSummary;
}

/**
 * Loads, validates and checks a spec and plans every host. `ok` is false when any error (or, under
 * `strict`, any warning) was found; all diagnostics are returned either way. Throws UsageError when
 * the file cannot be read or is not a JSON object.
 */
export function checkSpecFile(options: CheckOptions): CheckResult {
  return checkLoadedSpec(loadSpecFrom(options), options.strict ?? false, options.removedWorkloads);
}

/** Reads and parses the spec checkSpecFile would; throws UsageError as it does. */
function loadSpecFrom(options: CheckOptions): LoadedSpec {
  return options.specText === undefined
    ? loadSpec(options.specPath, options.displayName)
    : parseAnySpecText(options.specText, options.displayName ?? options.specPath, options.specPath);
}

/** As checkSpecFile, for an already loaded spec. */
export function checkLoadedSpec(loaded: LoadedSpec, strict: boolean, removedWorkloads?: WorkloadRemovals): CheckResult {
  const done = (diagnostics: Diagnostic[], plan?: ClusterPlan, inputs?: string[], replan?: (removals: WorkloadRemovals) => ClusterPlan): CheckResult => ({
    ok: !isFatal(diagnostics, strict),
    diagnostics: locateDiagnostics(loaded, diagnostics),
    plan: isFatal(diagnostics, strict) ? undefined : plan,
    inputs: [resolve(loaded.path), ...(inputs ?? [])],
    sourceText: loaded.text,
    withRemovedWorkloads: isFatal(diagnostics, strict) ? undefined : replan,
  });
  if (loaded.value === undefined) return done(loaded.diagnostics);
  // Validate: structure against the JSON Schema.
  const { spec, diagnostics: structural } = validateSpec(loaded.value);
  if (!spec) return done([...loaded.diagnostics, ...structural]);
  // Resolve: apply every default, keeping the spec's shape so pointers stay valid.
  const resolved = resolveSpec(spec);
  // Check: every semantic rule, all of them, in one pass.
  const diagnostics = [...loaded.diagnostics, ...checkSpec(resolved)];
  // Warnings (even under --strict) do not stop gathering: every problem is reported in one pass.
  if (isFatal(diagnostics, false)) return done(diagnostics);
  // Gather: read and verify the files the spec names (repository key, bundled packages).
  const { gathered, diagnostics: external } = gatherInputs(resolved, loaded.path);
  diagnostics.push(...external);
  if (isFatal(diagnostics, strict)) return done(diagnostics);
  // Plan: the normalized per-host model templates render.
  // (A JSON spec's hosts are kept as ranges of its text, not as copies, until each is planned.)
  const ranges = loaded.json ? findHostRanges(loaded.text) : undefined;
  const plan = planCluster(spec, resolved, gathered, removedWorkloads, ranges && { text: loaded.text, ranges });
  return done(diagnostics, plan, gathered.inputs, replanWorkloads(plan, resolved));
}

// Made apart from checkLoadedSpec, whose closures hold the spec's text and document: this one keeps
// only what planWorkloads reads (the masters, not every host) for the whole build.
function replanWorkloads(plan: ClusterPlan, resolved: ResolvedSpec): (removals: WorkloadRemovals) => ClusterPlan {
  const spec: ResolvedSpec = { ...resolved, hosts: mastersOf(resolved) };
  return (removals) => ({ ...plan, workloads: planWorkloads(spec, removals) });
}

// The spec's text serves code frames: with nothing to frame, the result does not carry it (12 MB for
// a 100,000-host spec). A JSON spec's plan keeps it all the same, as the source of its hosts.
function withoutUnusedText(checked: CheckResult): CheckResult {
  return checked.diagnostics.length === 0 ? { ...checked, sourceText: undefined } : checked;
}

/**
 * Checks the spec and, when it is valid, renders, packs and writes every host into `outDir`
 * (atomically). Nothing is written for an invalid spec. Throws UsageError on I/O problems and
 * InternalError on a mesosgen bug.
 */
export async function compile(options: CompileOptions): Promise<CompileResult> {
  options.onProgress?.({ phase: 'checking' });
  // Load + check: read and parse, then validate, resolve, every rule, gather, plan. The spec's text
  // and document live only in checkSpecFile's synchronous frame: held by this async function, they
  // would stay in its registers while the hosts are written.
  const checked = options.checked ?? checkSpecForBuild(options);
  // The checks leave the parsed spec's garbage behind; where the program exposes a full collection
  // (bin/load-cli.js does), it runs now, so those pages go back before the worker adds its own.
  (globalThis as { gc?: () => void }).gc?.();
  // The worker thread starts once the checks are done, not beside them: the checks' peak memory
  // (the parsed document of every host) and the worker's then never add up.
  const writer = createTreeWriter({
    worker: options.treeWorker ?? (checked.plan?.hosts.length ?? 0) >= WORKER_MIN_HOSTS,
    queueBeforeStart: options.treeWorker === true,
  });
  try {
    return await emitChecked(checked, writer, options);
  } finally {
    await writer.close();
  }
}

/** checkSpecFile, without the spec's text unless a diagnostic needs it for its code frame. */
function checkSpecForBuild(options: CompileOptions): CheckResult {
  return withoutUnusedText(checkSpecFile(options));
}

async function emitChecked(checked: CheckResult, writer: TreeWriter, options: CompileOptions): Promise<CompileResult> {
  if (!checked.ok || !checked.plan) return checked;
  // Render: compile the templates once, then render host by host inside emit.
  const renderer = createRenderer();
  // Emit + pack: write each host's tree and tarball into a staging dir, then swap it into place.
  const { plan } = checked;
  const renderCluster = () =>
    [...(plan.workloads ? renderWorkloads(renderer, plan.workloads) : []), ...(options.extraClusterFiles?.(plan, renderer) ?? [])].sort((a, b) =>
      byteOrder(a.path, b.path),
    );
  let late: { diagnostics: LocatedDiagnostic[]; text?: string } = { diagnostics: [] };
  const summary = await emitCluster(
    plan,
    (host) => renderHost(renderer, host, { deferGzip: true }),
    {
      outDir: options.outDir,
      mesosgenVersion: mesosgenVersion(),
      force: options.force,
      signal: options.signal,
      inputs: [...(checked.inputs ?? []), ...(options.alsoReads ?? []).map((p) => resolve(p))],
      writer,
      // Warnings only the written build can tell; under --strict they keep the previous output.
      accept: (written) => {
        late = buildWarnings(written, options);
        return !isFatal(late.diagnostics, options.strict ?? false);
      },
      onHostWritten: options.onProgress && ((done, total, host, files) => options.onProgress!({ phase: 'writing', done, total, host, files })),
    },
    { render: renderCluster, renderLate: options.lateClusterFiles && ((tarballs) => options.lateClusterFiles!(plan, tarballs)) },
  );
  if (late.diagnostics.length === 0) return { ...checked, summary };
  const diagnostics = [...checked.diagnostics, ...late.diagnostics];
  return { ...checked, ok: !isFatal(diagnostics, options.strict ?? false), diagnostics, sourceText: checked.sourceText ?? late.text, summary };
}

/**
 * W_USER_DATA_LARGE when some host's user data is over the limit even gzipped, located at that host
 * in the spec, which is read again for it (a build does not hold the spec's text). Throws UsageError
 * if the spec can no longer be read.
 */
function buildWarnings(summary: EmitSummary, options: CompileOptions): { diagnostics: LocatedDiagnostic[]; text?: string } {
  const large = summary.largeUserData;
  if (!large) return { diagnostics: [] };
  const loaded = loadSpecFrom(options);
  const hosts = (loaded.value as { hosts?: unknown } | undefined)?.hosts;
  const index = Array.isArray(hosts) ? hosts.findIndex((h) => (h as { name?: unknown } | null)?.name === large.largest.host) : -1;
  const params = { hosts: large.hosts, host: large.largest.host, kb: Math.ceil(large.largest.bytes / 1024) };
  const diagnostic = diagnose('W_USER_DATA_LARGE', index >= 0 ? `/hosts/${index}/name` : '/hosts', params);
  return { diagnostics: locateDiagnostics(loaded, [diagnostic]), text: loaded.text };
}
