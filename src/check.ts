// Stage 4: run every semantic rule over the defaulted spec. All rules run; nothing stops early.
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { ResolvedSpec } from './resolve.js';
import { RULES } from './rules/index.js';

/** Returns every diagnostic the rules find (empty when the spec is sound). Never throws for user input. */
export function checkSpec(spec: ResolvedSpec): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => void diagnostics.push(d);
  for (const rule of RULES) rule({ spec, report });
  return diagnostics;
}
