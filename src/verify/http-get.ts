// The one HTTP client of `mesosgen verify`: GET against a live cluster, whose answers are untrusted.
// Each request has a deadline for the whole exchange (a server that trickles bytes cannot hold a
// check open), a cap on the body (read no further once it is passed) and JSON parsed only after its
// nesting depth is checked, so a hostile or broken endpoint costs bounded time and memory.
import { request } from 'node:http';

/** What a GET gave: a parsed JSON body, or why there is none (never thrown). */
export type HttpOutcome =
  | { ok: true; status: number; json: unknown; location?: string }
  | { ok: false; status?: number; location?: string; reason: string; kind: 'unreachable' | 'refused' | 'invalid' };

export interface HttpGetOptions {
  /** Milliseconds for connecting, sending and reading the whole answer. */
  timeoutMs: number;
  maxBytes: number;
  /** An Authorization header value, or none. */
  authorization?: string;
  /** Answer statuses other than 200 to return as they are (e.g. 307, 404) instead of as a failure. */
  accept?: readonly number[];
}

/** Deeper JSON than this is not an answer Mesos, Marathon or Chronos give (a Marathon app nests about 8). */
export const MAX_JSON_DEPTH = 64;

/**
 * GETs `http://address:port/path` and parses its JSON body. Resolves with ok: false when the
 * endpoint cannot be reached or does not answer in time ('unreachable'), answers 401/403 ('refused')
 * or with another status, a body over the cap, or a body that is not JSON within the depth cap
 * ('invalid'). Never rejects.
 */
export function httpGetJson(address: string, port: number, path: string, options: HttpGetOptions): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(outcome);
    };
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.authorization) headers.Authorization = options.authorization;
    // agent: false: one connection per request, closed after it, so nothing lingers past the run.
    const req = request({ host: address, port, path, method: 'GET', headers, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
      if (status === 401 || status === 403)
        return finish({ ok: false, status, kind: 'refused', reason: `answered ${status} (credentials refused or missing)` });
      if (status !== 200 && !(options.accept ?? []).includes(status))
        return finish({ ok: false, status, location, kind: 'invalid', reason: `answered HTTP ${status}` });
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return finish({ ok: false, status, kind: 'invalid', reason: `answered more than ${options.maxBytes} bytes` });
        chunks.push(chunk);
      });
      res.on('error', (err) => finish({ ok: false, kind: 'unreachable', reason: `connection failed: ${err.message}` }));
      res.on('end', () => {
        if (status !== 200) return finish({ ok: true, status, json: undefined, ...(location === undefined ? {} : { location }) });
        const parsed = parseJsonCapped(Buffer.concat(chunks).toString('utf8'));
        finish(typeof parsed === 'string' ? { ok: false, status, kind: 'invalid', reason: parsed } : { ok: true, status, json: parsed.value });
      });
    });
    const late = `no complete answer within ${options.timeoutMs / 1000} s`;
    const timer = setTimeout(() => finish({ ok: false, kind: 'unreachable', reason: late }), options.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, kind: 'unreachable', reason: err.code ?? err.message }));
    req.end();
  });
}

/**
 * Parses JSON after checking that it nests no deeper than MAX_JSON_DEPTH (so no later walk over it
 * can exhaust the stack). Returns the value, or a reason it is not acceptable.
 */
export function parseJsonCapped(text: string): { value: unknown } | string {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return `answered JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return 'answered something that is not JSON';
  }
}
