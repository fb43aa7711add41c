// One rule for every number in the spec, bodies included: it must reach its program as written.
// JSON numbers are doubles: an integer past 2^53 comes back as another integer
// (18446744073709551616 is written 18446744073709552000), and JavaScript writes a magnitude from
// 1e21 up, or below 1e-6, in exponent notation, which no flag file, environment file or Mesos
// resource string reads as the number. The schema's ranges say what each program accepts.
import { diagnose } from '../diagnostics/diagnostic.js';
import { toPointer } from '../util/pointer.js';
import { describeInexactNumber } from '../util/escape.js';
import type { Rule } from './rule.js';

export const numbersAreExact: Rule = ({ spec, report }) => {
  const visit = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === 'number') {
      const why = describeInexactNumber(value);
      if (why !== undefined) report(diagnose('E_NUMBER_INEXACT', toPointer(...path), { why }));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, [...path, i]));
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(spec, []);
};
