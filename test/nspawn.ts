// Booting Debian roots under systemd-nspawn (systemd as PID 1) for test/boot.test.ts, on a machine
// whose own PID 1 is not systemd: no machined, so containers run with --register=no --keep-unit,
// each moved first into a cgroup of its own, and are driven by entering their PID 1's namespaces
// with nsenter. All of them sit on one bridge inside a network namespace the test creates (entered
// with nsenter --net: `ip netns exec` remounts /sys, and nspawn then cannot tell the cgroup layout).
// `cleanUp` removes every container, cgroup and namespace made here, also after a failure.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

export const BRIDGE = 'br0';
const NETNS = `mesosgen-boot-${process.pid}`;
// A cgroup v1 host keeps systemd's own hierarchy (name=systemd) beside the unified one; nspawn uses both.
const HIERARCHIES = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'].filter((h) => existsSync(join(h, 'cgroup.procs')));
const CGROUP_ROOTS = HIERARCHIES.length > 0 ? HIERARCHIES : ['/sys/fs/cgroup'];

export interface Container {
  name: string;
  root: string;
  /** The container's systemd, as this machine numbers it. */
  pid1: number;
  nspawn: ChildProcess;
  exited: Promise<void>;
}

const containers = new Set<Container>();
let netnsMade = false;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cgroupsOf = (name: string) => CGROUP_ROOTS.map((h) => join(h, `${NETNS}-${name}`));

/** Creates the test's network namespace with a bridge at `gateway`/24 (no route leaves it). */
export function createNetwork(gateway: string): void {
  sh('ip', ['netns', 'add', NETNS]);
  netnsMade = true;
  const inNs = (...args: string[]) => sh('nsenter', [`--net=/run/netns/${NETNS}`, 'ip', ...args]);
  inNs('link', 'set', 'lo', 'up');
  inNs('link', 'add', BRIDGE, 'type', 'bridge');
  inNs('addr', 'add', `${gateway}/24`, 'dev', BRIDGE);
  inNs('link', 'set', BRIDGE, 'up');
}

/** The tools the containers need on this machine. */
export function canBoot(): boolean {
  return ['systemd-nspawn', 'nsenter', 'ip'].every((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
}

/**
 * Boots `root` with systemd-nspawn -b on the bridge, its console written to `log`; resolves once
 * systemd runs in it. Throws if nspawn exits or no PID 1 shows up within 30 s.
 */
export async function boot(name: string, root: string, log: string): Promise<Container> {
  const cgroups = cgroupsOf(name);
  for (const c of cgroups) mkdirSync(c);
  const fd = openSync(log, 'a');
  // The shell moves itself into the container's cgroups, then becomes nspawn.
  const start = 'for c in "$@"; do echo $$ >"$c/cgroup.procs"; done; exec systemd-nspawn "$NSPAWN_ROOT_ARG" -b --register=no --keep-unit ' +
    `--console=read-only --network-bridge=${BRIDGE} -M "$NSPAWN_NAME"`;
  const nspawn = spawn('nsenter', [`--net=/run/netns/${NETNS}`, 'sh', '-c', start, 'sh', ...cgroups], {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, NSPAWN_ROOT_ARG: `--directory=${root}`, NSPAWN_NAME: name },
  });
  closeSync(fd);
  const exited = new Promise<void>((done) => nspawn.on('exit', () => done()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (nspawn.exitCode !== null) break;
    const pid1 = systemdIn(cgroups[0]);
    if (pid1 !== undefined) {
      const container = { name, root, pid1, nspawn, exited };
      containers.add(container);
      return container;
    }
    await sleep(200);
  }
  killAll(name);
  nspawn.kill('SIGKILL');
  await Promise.race([exited, sleep(10_000)]);
  removeCgroups(name);
  throw new Error(`${name} did not boot:\n${readFileSync(log, 'utf8').slice(-3000)}`);
}

// nspawn puts the container's systemd in <cgroup>/payload (init.scope below it once it runs).
function systemdIn(cgroup: string): number | undefined {
  for (const pid of procsBelow(join(cgroup, 'payload'))) {
    try {
      // Its own PID namespace numbers it 1.
      const isInit = readFileSync(`/proc/${pid}/status`, 'utf8').includes(`\nNSpid:\t${pid}\t1\n`);
      if (isInit && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'systemd') return pid;
    } catch {
      // It exited meanwhile.
    }
  }
  return undefined;
}

function procsBelow(dir: string): number[] {
  if (!existsSync(dir)) return [];
  const here = readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  const below = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => procsBelow(join(dir, d.name)));
  return [...here, ...below];
}

/** Runs a command inside the container (all its namespaces); never throws. */
export function inside(c: Container, args: string[], timeoutMs = 60_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('nsenter', ['-t', String(c.pid1), '-a', ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Waits until systemd inside has finished starting up; returns is-system-running's last answer. */
export async function waitBooted(c: Container, timeoutMs = 180_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < deadline) {
    state = inside(c, ['systemctl', 'is-system-running']).stdout.trim();
    if (state === 'running' || state === 'degraded') return state;
    await sleep(1000);
  }
  return state;
}

/** Powers the container off as `machinectl poweroff` would (SIGRTMIN+4 to its systemd); SIGKILL after 60 s. */
export async function powerOff(c: Container): Promise<void> {
  if (c.nspawn.exitCode === null) {
    spawnSync('bash', ['-c', `kill -s SIGRTMIN+4 ${c.pid1}`]);
    const timedOut = await Promise.race([c.exited.then(() => false), sleep(60_000).then(() => true)]);
    if (timedOut) killAll(c.name);
    await c.exited;
  }
  containers.delete(c);
  removeCgroups(c.name);
}

function killAll(name: string): void {
  for (const c of cgroupsOf(name)) for (const pid of procsBelow(c)) spawnSync('kill', ['-9', String(pid)]);
}

function removeCgroups(name: string): void {
  for (const c of cgroupsOf(name)) {
    if (!existsSync(c)) continue;
    const dirs = (dir: string): string[] => [
      ...readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => dirs(join(dir, d.name))),
      dir,
    ];
    for (const d of dirs(c)) rmdirSync(d);
  }
}

/** Stops every container still running, then removes the cgroups and the network namespace. */
export async function cleanUp(): Promise<void> {
  for (const c of [...containers]) {
    killAll(c.name);
    await Promise.race([c.exited, sleep(10_000)]);
    containers.delete(c);
    try {
      removeCgroups(c.name);
    } catch {
      // A process that would not die keeps its cgroup; the namespace still goes.
    }
  }
  if (netnsMade) spawnSync('ip', ['netns', 'del', NETNS]);
}
