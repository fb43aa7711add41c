// Prints a verify report: text grouped by host, JSON (the findings as data, each with its message),
// or Markdown for a pull request. Values were escaped and cut when the findings were made; Markdown
// escapes them again for its own syntax.
import { VERIFY_MESSAGES } from '../diagnostics/messages.js';
import { codeSpan, markdownText } from '../util/markdown.js';
import { stableStringify } from '../util/stable-json.js';
import { escapeForMessage } from '../util/text.js';
import type { Finding } from './probe.js';
import type { VerifyReport } from './verify-cluster.js';

/** Whether the finding says a check could not be made (as opposed to drift). */
export function isUnreachable(finding: Finding): boolean {
  return 'unreachable' in VERIFY_MESSAGES[finding.code];
}

/** The finding's sentence from the catalogue. */
export function describeFinding(finding: Finding): string {
  return VERIFY_MESSAGES[finding.code].text(finding);
}

/** The counts a summary and the exit code come from. */
export function countFindings(report: VerifyReport): { drift: number; unreachable: number } {
  const unreachable = report.findings.filter(isUnreachable).length;
  return { drift: report.findings.length - unreachable, unreachable };
}

function summary(report: VerifyReport): string {
  const { drift, unreachable } = countFindings(report);
  const parts = [drift === 0 ? 'no drift' : `${drift} difference(s)`, ...(unreachable > 0 ? [`${unreachable} check(s) could not be made`] : [])];
  return `mesosgen verify: ${parts.join(', ')} across ${report.hosts} host(s) of cluster ${report.cluster}`;
}

/** Text grouped by host, one line per finding, then the summary line. */
export function formatVerifyText(report: VerifyReport): string {
  const out: string[] = [];
  let host: string | undefined;
  for (const f of report.findings) {
    if (f.host !== host) {
      host = f.host;
      out.push(`${f.host}:`);
    }
    out.push(`  ${f.component} ${f.code} ${escapeForMessage(describeFinding(f))}`);
  }
  out.push(summary(report));
  return out.join('\n') + '\n';
}

/** One JSON object: the build, the counts and every finding with its message. */
export function formatVerifyJson(report: VerifyReport): string {
  const findings = report.findings.map((f) => ({ ...f, message: describeFinding(f) }));
  return stableStringify({ build: report.build, cluster: report.cluster, hosts: report.hosts, ...countFindings(report), findings }) + '\n';
}

/** A Markdown table of the findings under a heading, for a review comment. */
export function formatVerifyMarkdown(report: VerifyReport): string {
  const title = `### mesosgen verify ${codeSpan(report.build)}: cluster ${codeSpan(report.cluster)}`;
  if (report.findings.length === 0) return `${title}\n\n${markdownText(summary(report))}\n`;
  const cell = (text: string) => markdownText(text, true);
  const span = (text: string) => codeSpan(text, true);
  const rows = report.findings.map((f) => `| ${cell(f.host)} | ${f.component} | ${f.code} | ${span(f.key)} | ${span(f.expected)} | ${span(f.found)} |`);
  const head = ['| host | component | code | key | expected | found |', '|---|---|---|---|---|---|'];
  return [title, '', ...head, ...rows, '', markdownText(summary(report)), ''].join('\n');
}
