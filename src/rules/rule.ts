import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedSpec } from '../spec/resolve.js';

/** What every rule sees: the defaulted spec, and a sink for what it finds. */
export interface RuleContext {
  spec: ResolvedSpec;
  report: (diagnostic: Diagnostic) => void;
}

/** A named semantic check. It reports through the context and never throws for user input. */
export type Rule = (ctx: RuleContext) => void;
