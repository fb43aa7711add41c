// deploy.sh against a stand-in for Marathon's and Chronos' HTTP APIs: the real frameworks cannot run
// here, so a small server in this test answers as their docs describe (leader endpoints, PUT
// /v2/apps 200/201 with a deployment, /v2/deployments, 409/422 errors; Chronos 204/400) and records
// every request. Asserts methods, paths, bodies, order (parents first), credentials and errors.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compile } from '../src/pipeline.js';
import { formatDiagnosticsText } from '../src/diagnostics/format.js';
import { REPO, tempDir } from './helpers.js';

const DOWN = '127.0.0.21'; // the first master: nothing listens, deploy.sh must try the next
const UP = '127.0.0.22';
const PORTS = { marathon: 28081, chronos: 24401 };

interface Recorded {
  method: string;
  url: string;
  body: unknown;
  auth: string | undefined;
}

let requests: Recorded[] = [];
/** Per test: which app ids or job names the stand-in refuses, and how. */
let refuse: Record<string, [number, string]> = {};
const running = new Set<string>();
let deployments = 0;
let cluster = '';
const servers: Server[] = [];

function reply(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
}

function marathon(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const path = (req.url ?? '').split('?')[0];
  if (req.method === 'GET' && path === '/v2/leader') return reply(res, 200, { leader: `${UP}:${PORTS.marathon}` });
  if (req.method === 'GET' && path === '/v2/deployments') {
    // Each deployment shows once as running, then it is done.
    const list = [...running].map((id) => ({ id }));
    running.clear();
    return reply(res, 200, list);
  }
  const app = /^\/v2\/apps(\/.+)$/.exec(path)?.[1];
  if (req.method === 'PUT' && app) {
    if (refuse[app]) return reply(res, refuse[app][0], refuse[app][1]);
    const id = `deployment-${++deployments}`;
    running.add(id);
    // Created: the app with its deployments; updated: version and deploymentId (apps.raml).
    return app === '/primeraaplicacion'
      ? reply(res, 201, { ...(body as object), deployments: [{ id }] })
      : reply(res, 200, { version: '2020-12-12T17:00:00.000Z', deploymentId: id });
  }
  if (req.method === 'DELETE' && app) {
    // Marathon starts a deployment that stops the app's tasks (apps.raml: DELETE /v2/apps/{appId}).
    const id = `deployment-${++deployments}`;
    running.add(id);
    return reply(res, 200, { version: '2020-12-12T17:00:00.000Z', deploymentId: id });
  }
  reply(res, 404, { message: `no route ${req.method} ${path}` });
}

function chronos(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const path = req.url ?? '';
  if (req.method === 'GET' && path === '/v1/scheduler/leader') return reply(res, 200, { leader: `${UP}:${PORTS.chronos}` });
  if (req.method === 'POST' && (path === '/v1/scheduler/iso8601' || path === '/v1/scheduler/dependency')) {
    const name = (body as { name: string }).name;
    if (refuse[name]) return reply(res, refuse[name][0], refuse[name][1]);
    return reply(res, 204);
  }
  if (req.method === 'DELETE' && path.startsWith('/v1/scheduler/job/')) return reply(res, 204);
  reply(res, 404, `no route ${req.method} ${path}`);
}

function serve(port: number, handle: typeof marathon): Promise<void> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      requests.push({ method: req.method ?? '', url: `${port}${req.url}`, body, auth: req.headers.authorization });
      handle(req, res, body);
    });
  });
  servers.push(server);
  return new Promise((ok) => server.listen(port, UP, ok));
}

function deploy(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return deployFrom(cluster, ...args);
}

function deployFrom(dir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [join(dir, 'deploy.sh'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

before(async () => {
  const spec = JSON.parse(readFileSync(join(REPO, 'fixtures/seed/cluster.json'), 'utf8')) as Record<string, unknown> & {
    hosts: Array<{ ip: string }>;
    jobs: object[];
  };
  (spec.cluster as Record<string, unknown>).loopback = 'allow';
  spec.hosts[0].ip = DOWN;
  spec.hosts[1].ip = UP;
  spec.marathon = { ...(spec.marathon as object), httpPort: PORTS.marathon };
  spec.chronos = { ...(spec.chronos as object), httpPort: PORTS.chronos };
  // Listed before its parent: deploy.sh must still create the parent first.
  spec.jobs.unshift({ name: 'Adios', command: 'echo adios', parents: ['Hola'] });
  const work = tempDir('mesosgen-deploy-');
  writeFileSync(join(work, 'cluster.json'), JSON.stringify(spec));
  const result = await compile({ specPath: join(work, 'cluster.json'), outDir: join(work, 'out') });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
  cluster = join(work, 'out/cluster');
  await serve(PORTS.marathon, marathon);
  await serve(PORTS.chronos, chronos);
});
after(() => servers.forEach((s) => s.close()));

const file = (rel: string) => JSON.parse(readFileSync(join(cluster, rel), 'utf8')) as unknown;

test('deploy.sh finds the leaders, PUTs each app and waits for it, then posts jobs parents first, with the credentials', async () => {
  requests = [];
  refuse = {};
  const credentials = join(tempDir(), 'marathon.cred');
  writeFileSync(join(credentials), 'admin:s3cr"et\n');
  const run = await deploy('--credentials', credentials);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const calls = requests.map((r) => `${r.method} ${r.url}`);
  const m = PORTS.marathon;
  const c = PORTS.chronos;
  assert.deepEqual(calls, [
    `GET ${m}/v2/leader`,
    `PUT ${m}/v2/apps/primeraaplicacion?partialUpdate=false`,
    `GET ${m}/v2/deployments`,
    `GET ${m}/v2/deployments`,
    `PUT ${m}/v2/apps/segundaapp?partialUpdate=false`,
    `GET ${m}/v2/deployments`,
    `GET ${m}/v2/deployments`,
    `GET ${c}/v1/scheduler/leader`,
    `POST ${c}/v1/scheduler/iso8601`,
    `POST ${c}/v1/scheduler/dependency`,
  ]);
  assert.deepEqual(requests[1].body, file('marathon/apps/primeraaplicacion.json'));
  assert.deepEqual(requests[8].body, file('chronos/jobs/Hola.json'));
  assert.deepEqual(requests[9].body, file('chronos/jobs/Adios.json'));
  const basic = `Basic ${Buffer.from('admin:s3cr"et').toString('base64')}`;
  assert.ok(requests.every((r) => r.auth === basic), 'every request carries the credentials');
  assert.doesNotMatch(readFileSync(join(cluster, 'deploy.sh'), 'utf8'), /s3cr/);
});

test('deploy.sh --dry-run prints the requests and sends none', async () => {
  requests = [];
  const run = await deploy('--dry-run');
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(requests, []);
  assert.match(
    run.stdout,
    new RegExp(`would send: PUT http://${DOWN}:${PORTS.marathon}/v2/apps/segundaapp\\?partialUpdate=false with marathon/apps/segundaapp.json`),
  );
  assert.match(run.stdout, /would send: POST http:\/\/\S+\/v1\/scheduler\/dependency with chronos\/jobs\/Adios\.json/);
});

test('deploy.sh stops at a refused app, naming it with Marathon\'s error, and sends no job', async () => {
  requests = [];
  refuse = { '/segundaapp': [422, '{"message":"Object is not valid","details":[{"path":"/cpus","errors":["error.min"]}]}'] };
  const run = await deploy();
  assert.equal(run.status, 4, run.stdout + run.stderr);
  assert.match(run.stderr, /app \/segundaapp: Marathon answered 422: .*Object is not valid/);
  assert.ok(!requests.some((r) => r.url.startsWith(String(PORTS.chronos))), 'no Chronos request after a failed app');
});

test('deploy.sh reports a locked app (409) with the --force hint, and a refused job (400) by name', async () => {
  refuse = { '/primeraaplicacion': [409, '{"message":"App is locked by one or more deployments."}'] };
  const locked = await deploy();
  assert.equal(locked.status, 4);
  assert.match(locked.stderr, /app \/primeraaplicacion: Marathon answered 409 .*--force.*locked by one or more deployments/);

  requests = [];
  refuse = { Hola: [400, "Cannot parse schedule 'R/x/PT10M'"] };
  const job = await deploy('--force');
  assert.equal(job.status, 5, job.stdout + job.stderr);
  assert.match(job.stderr, /job Hola: Chronos answered 400: Cannot parse schedule/);
  assert.ok(requests.some((r) => r.url.includes('force=true')), '--force adds force=true');
  assert.ok(!requests.some((r) => r.url.endsWith('/dependency')), 'the child is not posted after its parent failed');
});

test('the deploy.sh of `mesosgen plan` deletes the apps and jobs the spec dropped, after deploying the rest', async () => {
  // What plan passes on when the deployed build had an app and a job this spec no longer has.
  const work = tempDir('mesosgen-deploy-remove-');
  const result = await compile({
    specPath: join(cluster, '../../cluster.json'),
    outDir: join(work, 'out'),
    removedWorkloads: { apps: ['/gone-app'], jobs: ['Gone Job'] },
  });
  assert.ok(result.ok, formatDiagnosticsText(result.diagnostics));
  requests = [];
  refuse = {};
  const run = await deployFrom(join(work, 'out/cluster'));
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const calls = requests.map((r) => `${r.method} ${r.url}`);
  const m = PORTS.marathon;
  const c = PORTS.chronos;
  assert.deepEqual(calls.slice(-4), [
    `DELETE ${c}/v1/scheduler/job/Gone%20Job`,
    `DELETE ${m}/v2/apps/gone-app`,
    `GET ${m}/v2/deployments`,
    `GET ${m}/v2/deployments`,
  ]);
  assert.ok(calls.indexOf(`POST ${c}/v1/scheduler/dependency`) < calls.indexOf(`DELETE ${c}/v1/scheduler/job/Gone%20Job`), 'deletions come last');
  assert.match(run.stdout, /app \/gone-app: deleted \(it is no longer in the spec\)/);
  const dry = await deployFrom(join(work, 'out/cluster'), '--dry-run');
  assert.match(dry.stdout, /would send: DELETE \S+\/v2\/apps\/gone-app/);
});
