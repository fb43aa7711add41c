// Stand-ins for a whole running cluster, for `mesosgen verify` (Mesos, Marathon and Chronos cannot run
// here; the ZooKeeper four-letter words are also checked against Debian's real ZooKeeper in
// zookeeper.test.ts). Each answers with the shapes the programs document, from what a build's hosts
// would start with, derived independently of mesosgen's own code: Mesos flags from the simulated
// mesos-init-wrapper (test/launchers), Marathon's from its environment file (systemd's reading).
// - mesos-master: GET /flags {"flags": {...}} (canonical names, durations as stout prints them, some
//   defaults besides), /version {"version"}, /master/redirect (307 //leader, 503 without one),
//   /master/slaves {"slaves": [{id, pid, hostname, resources, attributes, active}]};
// - mesos-agent: GET /flags;
// - Marathon: GET /v2/info {marathon_config.master, zookeeper_config.zk (no credentials),
//   http_config.http_port}, /v2/apps {"apps": [...]}, /v2/apps/<id> {"app": {...}} with the fields
//   and defaults Marathon adds;
// - Chronos 3: GET /v1/scheduler/leader {"leader"}, /v1/scheduler/jobs [...] with the start of each
//   schedule moved on and its counters added;
// - ZooKeeper: `srvr` (Mode) and `conf` (serverId, clientPort) over TCP.
// Tests change `world` to make the cluster drift, and `hostile` to make one endpoint misbehave.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { join } from 'node:path';
import { lookupFlag, parseDuration } from '../src/catalogue/flag-types.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../src/catalogue/mesos-flags.js';
import { REPO } from './helpers.js';
import { parseEnvironmentFile } from './systemd-env.js';

interface ManifestHost { name: string; ip: string; roles: string[]; ports: { master?: number; agent?: number; zookeeper?: number }; zookeeperId?: number }

export interface World {
  masters: Map<string, { flags: Record<string, string>; version: string; marathon?: Record<string, unknown>; chronos: boolean }>;
  agents: Map<string, { flags: Record<string, string> }>;
  leader?: string;
  slaves: Array<Record<string, unknown>>;
  apps: Map<string, Record<string, unknown>>;
  jobs: Array<Record<string, unknown>>;
  zookeeper: Map<string, { mode: string; serverId: number; clientPort: number }>;
  /** An Authorization header every Mesos request must carry (authenticate_http_readonly). */
  mesosAuth?: string;
  /** The header Marathon and Chronos want (their --http_credentials). */
  frameworkAuth?: string;
  /** `${ip}:${port}${path}` → how that one endpoint misbehaves. */
  hostile: Map<string, 'huge' | 'slow' | 'invalid' | 'deep'>;
}

export interface StandInCluster {
  world: World;
  /** A fresh world from the build (what tests start each case from). */
  reset(): void;
  /** Every request seen, as "ip:port path" with its Authorization header's presence. */
  requests: string[];
  close(): Promise<void>;
}

const hosts = (build: string) => (JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as { hosts: ManifestHost[] }).hosts;

// Durations as stout prints them: the largest unit the value reaches, as a decimal.
function stoutDuration(text: string): string {
  const ms = parseDuration(text);
  if (ms === undefined) return text;
  const units: Array<[string, number]> = [['weeks', 604800e3], ['days', 86400e3], ['hrs', 3600e3], ['mins', 60e3], ['secs', 1e3], ['ms', 1]];
  const [unit, size] = units.find(([, s]) => ms >= s) ?? ['ms', 1];
  return `${Number((ms / size).toFixed(6))}${unit}`;
}

function wrapperFlags(root: string, role: 'master' | 'slave'): Record<string, string> {
  const out = execFileSync('bash', [join(REPO, 'test/launchers/mesos-init-wrapper.sh'), root, role], { encoding: 'utf8' });
  const table = role === 'master' ? MASTER_FLAGS : AGENT_FLAGS;
  // Mesos lists every flag with its default; a few stand for them here.
  const flags: Record<string, string> =
    role === 'master' ? { allocation_interval: '1secs', registry: 'replicated_log' } : { gc_delay: '1weeks', launcher: 'linux' };
  for (const arg of out.split('\0').slice(0, -1)) {
    const m = /^--(no-)?([a-z0-9_]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) continue;
    const name = lookupFlag(table, m[2])?.canonical ?? m[2];
    const value = m[3] ?? (m[1] ? 'false' : 'true');
    flags[name] = table[name]?.type === 'duration' ? stoutDuration(value.trim()) : value.trim();
  }
  return flags;
}

function itemsOf(text: string | undefined): Record<string, unknown> {
  const items: Record<string, unknown> = {};
  for (const item of (text ?? '').split(';').filter(Boolean)) {
    const [name, value] = [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)];
    items[name] = /^[0-9.]+$/.test(value) ? Number(value) : value;
  }
  return items;
}

/** The world a build describes, as the stand-ins would report it when everything matches. */
export function worldOf(build: string): World {
  const world: World = { masters: new Map(), agents: new Map(), slaves: [], apps: new Map(), jobs: [], zookeeper: new Map(), hostile: new Map() };
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as { versions: { mesos: string } };
  const list = hosts(build);
  const masters = list.filter((h) => h.roles.includes('master'));
  for (const h of list) {
    const root = join(build, 'hosts', h.name, 'rootfs');
    if (h.roles.includes('master')) {
      let marathon: Record<string, unknown> | undefined;
      try {
        const env = parseEnvironmentFile(readFileSync(join(root, 'etc/default/marathon'), 'utf8'));
        marathon = {
          http_config: { http_port: Number(env.MARATHON_HTTP_PORT ?? 8080), https_port: 8443 },
          // Marathon prints its zk URL without credentials.
          zookeeper_config: { zk: (env.MARATHON_ZK ?? '').replace(/^zk:\/\/[^@/]*@/, 'zk://'), zk_timeout: 10000 },
          marathon_config: { master: env.MARATHON_MASTER, hostname: env.MARATHON_HOSTNAME, failover_timeout: 604800 },
          version: '1.9.109', leader: `${masters[0].ip}:${env.MARATHON_HTTP_PORT ?? 8080}`, elected: true,
        };
      } catch { /* no Marathon on this build */ }
      world.masters.set(h.ip, { flags: wrapperFlags(root, 'master'), version: manifest.versions.mesos, marathon, chronos: true });
      const mode = masters.length === 1 ? 'standalone' : h === masters[0] ? 'leader' : 'follower';
      world.zookeeper.set(h.ip, { mode, serverId: h.zookeeperId!, clientPort: h.ports.zookeeper! });
    }
    if (h.roles.includes('agent')) {
      const flags = wrapperFlags(root, 'slave');
      world.agents.set(h.ip, { flags });
      world.slaves.push({
        id: `S-${h.name}`, pid: `slave(1)@${h.ip}:${h.ports.agent}`, hostname: flags.hostname ?? h.ip, active: true,
        resources: { disk: 10000, ...itemsOf(flags.resources) }, attributes: itemsOf(flags.attributes), port: h.ports.agent,
      });
    }
  }
  world.leader = masters.length > 0 ? `${masters[0].ip}:${masters[0].ports.master}` : undefined;
  for (const file of readdirSafe(join(build, 'cluster/marathon/apps'))) {
    const app = JSON.parse(readFileSync(join(build, 'cluster/marathon/apps', file), 'utf8')) as Record<string, unknown>;
    world.apps.set(app.id as string, marathonAdds(app));
  }
  for (const file of readdirSafe(join(build, 'cluster/chronos/jobs'))) {
    const job = JSON.parse(readFileSync(join(build, 'cluster/chronos/jobs', file), 'utf8')) as Record<string, unknown>;
    const schedule = typeof job.schedule === 'string' ? job.schedule.replace(/^(R\d*)\/[^/]+\//, '$1/2026-12-08T00:10:00.000Z/') : undefined;
    const counters = { successCount: 3, errorCount: 0, lastSuccess: '2026-12-07T23:50:00.000Z', disabled: false, retries: 2 };
    world.jobs.push({ ...job, ...(schedule ? { schedule } : {}), ...counters });
  }
  return world;
}

// What Marathon 1.9 returns for an app it was sent: the body, its defaults, and its bookkeeping.
function marathonAdds(app: Record<string, unknown>): Record<string, unknown> {
  const container = app.container as { docker?: Record<string, unknown>; portMappings?: Array<Record<string, unknown>> } | undefined;
  return {
    instances: 1, cpus: 1, mem: 128, disk: 0, gpus: 0, constraints: [], env: {}, labels: {}, healthChecks: [], fetch: [],
    backoffSeconds: 1, backoffFactor: 1.15, maxLaunchDelaySeconds: 300, killSelection: 'YOUNGEST_FIRST',
    ...app,
    ...(container ? {
      container: {
        ...container,
        docker: { forcePullImage: false, privileged: false, parameters: [], ...container.docker },
        portMappings: container.portMappings?.map((p, i) => ({ protocol: 'tcp', servicePort: 10000 + i, labels: {}, ...p })),
        volumes: [],
      },
    } : {}),
    version: '2026-12-07T22:00:00.000Z', versionInfo: { lastScalingAt: '2026-12-07T22:00:00.000Z' }, tasksRunning: 1, tasksStaged: 0, deployments: [],
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Starts every stand-in of the build's hosts on their IPs and ports; rejects if one cannot listen. */
export async function startStandInCluster(build: string, chronosPort: number): Promise<StandInCluster> {
  const cluster: StandInCluster = { world: worldOf(build), reset: () => void (cluster.world = worldOf(build)), requests: [], close: async () => {} };
  const servers: Array<Server | TcpServer> = [];
  const listen = (server: Server | TcpServer, ip: string, port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, ip, () => resolve());
      servers.push(server);
    });
  for (const h of hosts(build)) {
    if (h.roles.includes('master')) {
      await listen(httpServer(cluster, h.ip, h.ports.master!, (path) => masterAnswer(cluster.world, h.ip, path)), h.ip, h.ports.master!);
      const marathonPort = (cluster.world.masters.get(h.ip)?.marathon?.http_config as { http_port: number } | undefined)?.http_port;
      if (marathonPort) await listen(httpServer(cluster, h.ip, marathonPort, (path) => marathonAnswer(cluster.world, h.ip, path), true), h.ip, marathonPort);
      await listen(httpServer(cluster, h.ip, chronosPort, (path) => chronosAnswer(cluster.world, h.ip, chronosPort, path), true), h.ip, chronosPort);
      await listen(zookeeperServer(cluster, h.ip), h.ip, h.ports.zookeeper!);
    }
    if (h.roles.includes('agent')) {
      await listen(httpServer(cluster, h.ip, h.ports.agent!, (path) => {
        const agent = cluster.world.agents.get(h.ip);
        return agent && path === '/flags' ? [200, { flags: agent.flags }] : [404, undefined];
      }), h.ip, h.ports.agent!);
    }
  }
  cluster.close = () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined);
  return cluster;
}

type Answer = [number, unknown, Record<string, string>?];

function httpServer(cluster: StandInCluster, ip: string, port: number, answer: (path: string) => Answer, framework = false): Server {
  const server = createHttpServer((req, res) => {
    const path = req.url ?? '';
    cluster.requests.push(`${ip}:${port} ${path}${req.headers.authorization ? ' (auth)' : ''}`);
    const wanted = framework ? cluster.world.frameworkAuth : cluster.world.mesosAuth;
    if (wanted !== undefined && req.headers.authorization !== wanted) return res.writeHead(401).end();
    const hostile = cluster.world.hostile.get(`${ip}:${port}${path}`);
    if (hostile === 'huge') {
      // 64 MiB of a JSON string, sent as fast as the client takes it.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const more = () => {
        while (sent < 64 && !res.destroyed) {
          if (!res.write(sent++ === 0 ? Buffer.concat([Buffer.from('{"flags":"'), chunk]) : chunk)) return void res.once('drain', more);
        }
        res.end('"}');
      };
      return more();
    }
    if (hostile === 'slow') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"flags":');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (hostile === 'invalid') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"flags": {"quorum": "2",');
    if (hostile === 'deep') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('['.repeat(100_000) + ']'.repeat(100_000));
    const [status, body, headers] = answer(path);
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body === undefined ? '' : JSON.stringify(body));
  });
  return server;
}

function masterAnswer(world: World, ip: string, path: string): Answer {
  const master = world.masters.get(ip);
  if (!master) return [404, undefined];
  if (path === '/flags') return [200, { flags: master.flags }];
  if (path === '/version') return [200, { version: master.version, git_sha: '0', build_user: 'stand-in' }];
  if (path === '/master/redirect') return world.leader ? [307, undefined, { Location: `//${world.leader}` }] : [503, undefined];
  if (path === '/master/slaves') return `${ip}:` === world.leader?.replace(/[0-9]+$/, '') ? [200, { slaves: world.slaves }] : [307, undefined, { Location: `//${world.leader}` }];
  return [404, undefined];
}

function marathonAnswer(world: World, ip: string, path: string): Answer {
  const info = world.masters.get(ip)?.marathon;
  if (!info) return [404, undefined];
  if (path === '/v2/info') return [200, info];
  if (path === '/v2/apps') return [200, { apps: [...world.apps.values()] }];
  const app = path.startsWith('/v2/apps/') ? world.apps.get(path.slice('/v2/apps'.length)) : undefined;
  return app ? [200, { app }] : [404, { message: `App '${path.slice(8)}' does not exist` }];
}

function chronosAnswer(world: World, ip: string, port: number, path: string): Answer {
  if (!world.masters.get(ip)?.chronos) return [404, undefined];
  if (path === '/v1/scheduler/leader') return [200, { leader: `${ip}:${port}` }];
  if (path === '/v1/scheduler/jobs') return [200, world.jobs];
  return [404, undefined];
}

function zookeeperServer(cluster: StandInCluster, ip: string): TcpServer {
  return createTcpServer((socket) => {
    let word = '';
    socket.on('data', (d: Buffer) => {
      word += d.toString();
      if (word.length < 4) return;
      const member = cluster.world.zookeeper.get(ip);
      if (!member) return socket.destroy();
      const srvr = ['Zookeeper version: 3.8.0-stand-in', 'Latency min/avg/max: 0/0.0/0', 'Received: 1', 'Sent: 0', 'Connections: 1', 'Zxid: 0x0'];
      if (word.startsWith('srvr')) socket.end([...srvr, `Mode: ${member.mode}`, 'Node count: 5', ''].join('\n'));
      else if (word.startsWith('conf')) socket.end(`clientPort=${member.clientPort}\ndataDir=/var/lib/zookeeper/version-2\nserverId=${member.serverId}\n`);
      else socket.end(`${word.slice(0, 4)} is not executed because it is not in the whitelist.\n`);
    });
    socket.on('error', () => socket.destroy());
  });
}
