// Prints a diff report: a summary table (host, files changed, services to restart, risk notes),
// the risks with their steps, then each host's unified diffs. Colour only when asked (a TTY
// without NO_COLOR, decided by the CLI).
import { codeSpan, htmlText, markdownText } from '../util/markdown.js';
import { stableStringify } from '../util/stable-json.js';
import { escapeForMessage } from '../util/text.js';
import type { DiffReport, FileChange, HostChange } from './diff.js';
import type { Risk } from './risks.js';

const paint = (on: boolean, code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Whether the report shows any change at all. */
export function hasChanges(report: DiffReport): boolean {
  return report.hosts.length > 0 || report.cluster.length > 0;
}

export function formatDiffJson(report: DiffReport): string {
  return stableStringify(report) + '\n';
}

/** The summary (and with `full`, every diff) as text. Empty string when nothing changed. */
export function formatDiffText(report: DiffReport, full: boolean, colour: boolean): string {
  if (!hasChanges(report) && report.risks.length === 0) return '';
  const bold = paint(colour, '1');
  const out: string[] = [bold(`mesosgen diff ${escapeForMessage(report.old)} -> ${escapeForMessage(report.new)}`), ''];
  const rows = report.hosts.map((h) => [h.name, describeFiles(h), describeUnits(h), h.notes.map((n) => n.code).join(' ')]);
  if (report.cluster.length > 0) rows.push(['(cluster)', String(report.cluster.length), 'apps/jobs: run cluster/deploy.sh', '']);
  out.push(...table(['HOST', 'FILES', 'SERVICES', 'NOTES'], rows), '');
  const risks = [...report.risks, ...report.hosts.flatMap((h) => h.notes)];
  for (const r of risks) out.push(...formatRisk(r, colour));
  if (risks.length > 0) out.push('');
  if (full) {
    for (const h of report.hosts) out.push(...formatHostDiffs(h.name, h.files, colour));
    if (report.cluster.length > 0) out.push(...formatHostDiffs('cluster', report.cluster, colour));
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/**
 * The report as Markdown for a pull-request comment: the summary table, `diagram` (a Mermaid block,
 * renderRolloutDiagram), the risks with their steps, and each host's diffs in a collapsed section.
 * Secret files stay "not shown".
 */
export function formatDiffMarkdown(report: DiffReport, full: boolean, diagram = ''): string {
  // Every value goes through markdownText or codeSpan: ids and paths may come from a build directory.
  const sides = `${codeSpan(report.old)} → ${codeSpan(report.new)}`;
  if (!hasChanges(report) && report.risks.length === 0) return `**mesosgen diff** ${sides}: no change.\n`;
  const cell = (text: string) => markdownText(text, true);
  const out = [`### mesosgen diff ${sides}`, '', '| host | files | services | notes |', '|---|---|---|---|'];
  for (const h of report.hosts) out.push(`| ${cell(h.name)} | ${describeFiles(h)} | ${cell(describeUnits(h))} | ${h.notes.map((n) => n.code).join(' ')} |`);
  if (report.cluster.length > 0) out.push(`| (cluster) | ${report.cluster.length} | apps/jobs: run cluster/deploy.sh | |`);
  if (diagram) out.push('', diagram.trimEnd());
  const risks = [...report.risks, ...report.hosts.flatMap((h) => h.notes)];
  if (risks.length > 0) {
    out.push('', '#### Risks', '');
    for (const r of risks)
      out.push(
        `- **${r.severity} ${r.code}**${r.host ? ` (${markdownText(r.host)})` : ''}: ${markdownText(r.message)}`,
        ...(r.steps ?? []).map((step, i) => `  ${i + 1}. ${markdownText(step)}`),
      );
  }
  if (full) {
    const sections = [...report.hosts.map((h) => ({ name: h.name, files: h.files, summary: `${describeFiles(h)} files, ${describeUnits(h)}` }))];
    if (report.cluster.length > 0) sections.push({ name: 'cluster', files: report.cluster, summary: `${report.cluster.length} files, run cluster/deploy.sh` });
    for (const s of sections) {
      out.push('', `<details><summary>${htmlText(s.name)}: ${htmlText(s.summary)}</summary>`, '');
      const shown = s.files.filter((f) => f.patch !== undefined).map((f) => f.patch!).join('');
      for (const f of s.files.filter((f) => f.patch === undefined))
        out.push(`- ${f.change}: ${codeSpan(`${s.name}/${f.path}`)} (${f.secret ? 'secret, not shown' : 'binary'})`);
      if (shown) {
        // A fence longer than any run of backticks in the diff cannot be closed by it.
        const fence = '`'.repeat(Math.max(3, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        out.push('', `${fence}diff`, shown.replace(/\n$/, ''), fence);
      }
      out.push('', '</details>');
    }
  }
  return out.join('\n') + '\n';
}

function describeFiles(h: HostChange): string {
  if (h.status === 'added') return `+${h.files.length} (new host)`;
  if (h.status === 'removed') return `-${h.files.length} (host removed)`;
  return String(h.files.length);
}

function describeUnits(h: HostChange): string {
  const units = h.restart.map((u) => u.replace(/\.service$/, '')).join(', ');
  if (h.status === 'added') return `install: ${units}`;
  if (h.status === 'removed') return `stop: ${units}`;
  return units ? `restart: ${units}` : 'none';
}

function formatRisk(r: Risk, colour: boolean): string[] {
  const label = paint(colour, r.severity === 'error' ? '31;1' : r.severity === 'warning' ? '33' : '36')(r.severity);
  return [`${label} ${r.code}${r.host ? ` ${r.host}` : ''}: ${r.message}`, ...(r.steps ?? []).map((s, i) => `  ${i + 1}. ${s}`)];
}

function formatHostDiffs(name: string, files: FileChange[], colour: boolean): string[] {
  const out: string[] = [paint(colour, '1')(`== ${name}`)];
  for (const f of files) {
    if (f.secret) out.push(`${f.change}: ${escapeForMessage(`${name}/${f.path}`)} (secret, not shown)`);
    else if (f.binary) out.push(`${f.change}: ${escapeForMessage(`${name}/${f.path}`)} (binary)`);
    // Only the final newline goes: a last context line of an empty line is a single space.
    else out.push(...f.patch!.replace(/\n$/, '').split('\n').map((line) => colourLine(line, colour)));
  }
  out.push('');
  return out;
}

function colourLine(line: string, colour: boolean): string {
  if (line.startsWith('+++') || line.startsWith('---')) return paint(colour, '1')(line);
  if (line.startsWith('+')) return paint(colour, '32')(line);
  if (line.startsWith('-')) return paint(colour, '31')(line);
  if (line.startsWith('@@')) return paint(colour, '36')(line);
  return line;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}
