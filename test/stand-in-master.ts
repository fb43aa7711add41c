// A stand-in for a leading mesos-master's HTTP API, for the rollout tests (Mesos cannot run here).
// It answers with the request and response shapes of Mesos' documentation (operator-http-api.md,
// endpoints/master/redirect.md, endpoints/master/slaves.md), not with Mesos itself:
// - GET /master/redirect: 307 with `Location: //<ip>:<port>` (the leader is this server);
// - GET /health: 200; GET /master/slaves: {"slaves": [{"id", "pid", "hostname"}]};
// - POST /api/v1 (JSON): GET_AGENTS ({"type": "GET_AGENTS", "get_agents": {"agents": [{"agent_info":
//   {"hostname", "port", "id": {"value"}}, "pid", "active", "deactivated", "drain_info": {"state"}}]}})
//   and DRAIN_AGENT ({"drain_agent": {"agent_id", "max_grace_period": {"nanoseconds"}, "mark_gone"}}: 200).
// A drained agent reports DRAINING for `drainPolls` GET_AGENTS calls, then DRAINED; once seen drained
// it is listed again under a new id, as an agent that registered anew. `drainPolls: Infinity` never ends.
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface StandInAgent {
  hostname: string;
  ip: string;
  port: number;
  id: string;
}

export interface StandInMaster {
  server: Server;
  /** Every operator API call's body, parsed, with its Authorization header. */
  calls: Array<{ body: Record<string, unknown>; authorization?: string }>;
  agents: StandInAgent[];
  close(): Promise<void>;
}

interface Draining {
  polls: number;
  seenDrained: boolean;
}

/** Starts the stand-in on ip:port; rejects if it cannot listen. */
export async function startStandInMaster(
  ip: string,
  port: number,
  agents: StandInAgent[],
  drainPolls: number,
  /** When given, every request must carry this Authorization header (401 otherwise), as with authenticate_http_*. */
  requireAuth?: string,
  /** The Location of /master/redirect's 307 instead of `//<ip>:<port>` (a hostile master). */
  location?: string,
): Promise<StandInMaster> {
  const calls: StandInMaster['calls'] = [];
  const draining = new Map<string, Draining>();
  const entry = (a: StandInAgent) => {
    const d = draining.get(a.id);
    const state = d === undefined ? undefined : d.polls >= drainPolls ? 'DRAINED' : 'DRAINING';
    return {
      agent_info: { hostname: a.hostname, port: a.port, id: { value: a.id } },
      pid: `slave(1)@${a.ip}:${a.port}`,
      active: d === undefined,
      deactivated: d !== undefined,
      ...(state ? { drain_info: { state } } : {}),
    };
  };
  const getAgents = () => {
    const listed = agents.map(entry);
    for (const a of agents) {
      const d = draining.get(a.id);
      if (!d) continue;
      if (d.seenDrained) {
        // Registered anew: a new agent id, not draining.
        draining.delete(a.id);
        a.id = `${a.id.replace(/-S\d+$/, '')}-S${Number(/-S(\d+)$/.exec(a.id)?.[1] ?? 0) + 1}`;
      } else if (++d.polls > drainPolls) d.seenDrained = true;
    }
    return { type: 'GET_AGENTS', get_agents: { agents: listed } };
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    if (requireAuth !== undefined && req.headers.authorization !== requireAuth) return res.writeHead(401).end();
    if (req.method === 'GET' && url === '/master/redirect') return res.writeHead(307, { Location: location ?? `//${ip}:${port}` }).end();
    if (req.method === 'GET' && url === '/health') return res.writeHead(200).end();
    if (req.method === 'GET' && url === '/master/slaves') {
      // A drained agent that is being updated registers anew as soon as it is drained.
      const slaves = agents
        .filter((a) => draining.get(a.id)?.seenDrained ?? true)
        .map((a) => ({ id: a.id, pid: `slave(1)@${a.ip}:${a.port}`, hostname: a.hostname }));
      return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ slaves }));
    }
    if (req.method === 'POST' && url === '/api/v1') {
      void readBody(req).then((text) => {
        const body = JSON.parse(text) as Record<string, unknown>;
        calls.push({ body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        if (body.type === 'GET_AGENTS') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(getAgents()));
        if (body.type === 'DRAIN_AGENT') {
          const id = (body.drain_agent as { agent_id?: { value?: string } } | undefined)?.agent_id?.value;
          if (!agents.some((a) => a.id === id)) return res.writeHead(400).end('unknown agent');
          draining.set(id!, { polls: 0, seenDrained: false });
          return res.writeHead(200).end();
        }
        return res.writeHead(400).end('unsupported call');
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve());
  });
  return { server, calls, agents, close: () => new Promise((done) => server.close(() => done())) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => resolve(text));
  });
}
