// Public library API. The CLI (cli/main.ts) is a thin layer over these.
export { compile, checkSpecFile, checkLoadedSpec } from './pipeline.js';
export type { CompileOptions, CompileResult, CheckOptions, CheckResult } from './pipeline.js';
export { planChange } from './review/plan-change.js';
export type { PlanChangeOptions, PlanChangeResult } from './review/plan-change.js';
export { openSide } from './review/side.js';
export type { Diagnostic, LocatedDiagnostic } from './diagnostics/diagnostic.js';
export { formatDiagnosticsText, formatDiagnosticsJson } from './diagnostics/format.js';
export { UsageError, InternalError } from './util/errors.js';
export type { ClusterSpec } from './spec/types.generated.js';
export type { ClusterPlan, HostPlan } from './plan/model.js';
export { verifyCluster } from './verify/verify-cluster.js';
export type { VerifyOptions, VerifyReport } from './verify/verify-cluster.js';
export type { Finding } from './verify/probe.js';
export { formatVerifyText, formatVerifyJson, formatVerifyMarkdown } from './verify/format-verify.js';
