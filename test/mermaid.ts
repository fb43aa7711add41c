// Mermaid's own parser, as GitHub and GitLab run it before they draw a ```mermaid block. Mermaid
// sanitises labels with DOMPurify, which needs a window even to parse (mermaid-js/mermaid#6531), so
// a jsdom window stands in for the browser; nothing is drawn (jsdom has no layout).
import { JSDOM } from 'jsdom';

interface FlowVertex { id: string; text: string }
interface FlowDb {
  getVertices(): Map<string, FlowVertex>;
  getSubGraphs(): Array<{ id: string; title: string }>;
  getEdges(): Array<{ start: string; end: string; text: string }>;
}
interface MermaidApi {
  parse(text: string): Promise<{ diagramType: string }>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

let loaded: Promise<MermaidApi> | undefined;

async function loadMermaid(): Promise<MermaidApi> {
  const { window } = new JSDOM('');
  Object.assign(globalThis, { window, document: window.document });
  return ((await import('mermaid')) as unknown as { default: MermaidApi }).default;
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** Mermaid's placeholders for entities (`#60;`) back to their characters, as it does when it draws. */
const decode = (text: string) => text.replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code))).replaceAll('<br>', '\n');

export interface ParsedFlowchart {
  type: string;
  /** Node id -> label as drawn (entities decoded, <br> as a line break). */
  labels: Map<string, string>;
  subgraphs: string[];
  edges: Array<{ from: string; to: string; label: string }>;
}

/** Parses one flowchart with Mermaid; throws Mermaid's parse error (line and expectation) when it is not valid. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const mermaid = await (loaded ??= loadMermaid());
  const { diagramType } = await mermaid.parse(text);
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
  return {
    type: diagramType,
    labels: new Map([...db.getVertices().values()].map((v) => [v.id, decode(v.text)])),
    subgraphs: db.getSubGraphs().map((s) => decode(s.title)),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, label: decode(e.text) })),
  };
}
