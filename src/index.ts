// Public library API. The CLI (cli/main.ts) is a thin layer over these.
export { compile, checkSpecFile, checkLoadedSpec } from './compile.js';
export type { CompileOptions, CompileResult, CheckOptions, CheckResult } from './compile.js';
export type { Diagnostic, LocatedDiagnostic } from './diagnostics/diagnostic.js';
export { formatDiagnosticsText, formatDiagnosticsJson } from './diagnostics/format.js';
export { UsageError, InternalError } from './errors.js';
export type { ClusterSpec } from './spec/types.generated.js';
export type { ClusterPlan, HostPlan } from './model.js';
