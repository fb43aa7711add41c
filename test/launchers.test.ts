// Mesos, Marathon and Chronos cannot run here, so this is the closest we get to starting them: the
// packaged launchers are simulated (test/launchers/*.sh, written from the packages' documented
// behaviour) over every golden host tree, and the command lines they would exec are checked the way
// the daemons check them: no flag twice, every flag known to the pinned version, values of the
// flag's type. The catalogues are the project's own (src/catalogue), built from the programs' sources.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHRONOS_FLAGS } from '../src/catalogue/chronos-flags.js';
import { describeFlagTypeError, isFlagInVersion, lookupFlag, type FlagTable } from '../src/catalogue/flag-types.js';
import { MARATHON_FLAGS } from '../src/catalogue/marathon-flags.js';
import { AGENT_FLAGS, MASTER_FLAGS } from '../src/catalogue/mesos-flags.js';
import { resolveSpec, type ResolvedSpec } from '../src/spec/resolve.js';
import { REPO, listFiles } from './helpers.js';
import type { SideHost } from '../src/review/side-types.js';
import { marathonFlags, mesosFlags } from '../src/verify/launcher-flags.js';
import { parseEnvironmentFile } from './systemd-env.js';

const GOLDEN = join(REPO, 'test/golden');
const LAUNCHERS = join(REPO, 'test/launchers');

interface HostTree {
  name: string;
  root: string;
  spec: ResolvedSpec;
}

/** Every host of every golden build, with its case's resolved spec (for the pinned versions). */
function goldenHosts(): HostTree[] {
  return readdirSync(GOLDEN)
    .filter((c) => c !== '_error_' && existsSync(join(GOLDEN, c, 'expected/hosts')))
    .flatMap((c) => {
      const source = existsSync(join(GOLDEN, c, 'source')) ? join(REPO, readFileSync(join(GOLDEN, c, 'source'), 'utf8').trim()) : join(GOLDEN, c, 'spec.json');
      const spec = resolveSpec(JSON.parse(readFileSync(source, 'utf8')));
      const hosts = join(GOLDEN, c, 'expected/hosts');
      return readdirSync(hosts).map((h) => ({ name: `${c}/${h}`, root: join(hosts, h, 'rootfs'), spec }));
    });
}

function run(script: string, ...args: string[]): string[] {
  const out = execFileSync('bash', [join(LAUNCHERS, script), ...args], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Checks a Mesos command line as stout does; returns the flags by canonical name. */
function checkMesosArgs(args: string[], table: FlagTable, version: string, where: string): Map<string, string> {
  const seen = new Map<string, string>();
  for (const arg of args) {
    const m = /^--(no-)?([a-z0-9_]+)(?:=([\s\S]*))?$/.exec(arg);
    assert.ok(m, `${where}: ${JSON.stringify(arg)} is not a flag`);
    const [, negated, name, text] = m;
    const found = lookupFlag(table, name);
    assert.ok(found, `${where}: unknown flag --${name}`);
    const def = table[found.canonical];
    assert.ok(isFlagInVersion(def, version), `${where}: --${name} is not in Mesos ${version}`);
    assert.ok(!seen.has(found.canonical), `${where}: --${found.canonical} loaded twice`);
    seen.set(found.canonical, text ?? (negated ? 'false' : 'true'));
    if (text === undefined || negated) {
      assert.equal(def.type, 'bool', `${where}: --${name} needs a value`);
      continue;
    }
    assert.equal(describeFlagTypeError(def, fromText(def.type, text), true), undefined, `${where}: --${name}=${text}`);
  }
  return seen;
}

// The value a flag file's text stands for, in the form describeFlagTypeError checks.
function fromText(type: string, text: string): unknown {
  if (type === 'bool') return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
  if (['int', 'uint', 'port', 'double'].includes(type)) return /^-?[0-9.]+$/.test(text) ? Number(text) : text;
  if (type === 'json' && text.startsWith('{')) return JSON.parse(text) as object;
  return text;
}

/** Checks a Marathon or Chronos command line as scallop does; returns the values by option name. */
function checkScallopArgs(args: string[], table: FlagTable, program: string, version: string, where: string): Map<string, string | true> {
  const seen = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z0-9_]+)$/.exec(args[i]);
    assert.ok(m, `${where}: ${JSON.stringify(args[i])} is not a flag`);
    let name = m[1];
    if (!table[name] && name.startsWith('disable_') && table[name.slice(8)]?.type === 'toggle') name = name.slice(8);
    const def = table[name];
    assert.ok(def, `${where}: ${program} has no flag --${m[1]}`);
    assert.ok(isFlagInVersion(def, version), `${where}: --${name} is not in ${program} ${version}`);
    assert.ok(!seen.has(name), `${where}: --${name} given twice`);
    const bare = def.type === 'toggle' || def.type === 'presence';
    const next = args[i + 1];
    if (bare) {
      assert.ok(next === undefined || next.startsWith('--'), `${where}: --${name} takes no value`);
      seen.set(name, true);
      continue;
    }
    assert.ok(next !== undefined && !next.startsWith('--'), `${where}: --${name} needs one value`);
    const value: unknown = def.type === 'int' || def.type === 'double' ? (/^-?[0-9.]+$/.test(next) ? Number(next) : next) : next;
    assert.equal(describeFlagTypeError(def, value, false), undefined, `${where}: --${name} ${next}`);
    seen.set(name, next);
    i++;
  }
  return seen;
}

const hosts = goldenHosts();

/** A golden host's tree as verify reads a host of a build directory. */
function sideHost(root: string): SideHost {
  const files = new Map(listFiles(root).map((path) => [`rootfs/${path}`, { mode: 0o644, digest: () => '', read: () => readFileSync(join(root, path)) }]));
  return { name: 'h', ip: '', roles: [], ports: {}, enable: [], files };
}

const readOrNone = (root: string) => (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined);

test('the golden builds cover every layout the launchers know', () => {
  const layouts = new Set(
    hosts.map((h) =>
      existsSync(join(h.root, 'etc/marathon/conf')) ? 'marathon-conf' : existsSync(join(h.root, 'etc/default/marathon')) ? 'marathon-env' : 'no-marathon',
    ),
  );
  assert.deepEqual([...layouts].sort(), ['marathon-conf', 'marathon-env', 'no-marathon']);
});

for (const host of hosts) {
  const read = (path: string) => readFileSync(join(host.root, path), 'utf8');
  const zk = read('etc/mesos/zk').trim();
  // With ZooKeeper credentials, /etc/mesos/zk says file://<0600 file> and Mesos reads the URL from it.
  const zkUrl = zk.startsWith('file://') ? readFileSync(zk.slice('file://'.length).replace(/^\//, `${host.root}/`), 'utf8').trim() : zk;

  test(`mesos-init-wrapper command lines for ${host.name}`, () => {
    for (const role of ['master', 'slave'] as const) {
      if (!existsSync(join(host.root, `etc/default/mesos-${role}`))) continue;
      const out = run('mesos-init-wrapper.sh', host.root, role);
      const ulimit = out.shift();
      assert.deepEqual(out.filter((a) => a.startsWith('ENV ')), [], 'no MESOS_* variable that could duplicate a flag');
      const table = role === 'master' ? MASTER_FLAGS : AGENT_FLAGS;
      const flags = checkMesosArgs(out, table, host.spec.versions.mesos, `${host.name} mesos-${role}`);
      // `mesosgen verify` expects the flags this wrapper passes.
      const expected = mesosFlags(sideHost(host.root), role === 'master' ? 'master' : 'agent', readOrNone(host.root));
      assert.deepEqual(new Map([...expected].map(([k, v]) => [lookupFlag(table, k)?.canonical ?? k, v])), flags);
      assert.equal(flags.get(role === 'master' ? 'zk' : 'master'), zk);
      for (const required of ['work_dir', 'ip', 'hostname', ...(role === 'master' ? ['quorum', 'port', 'cluster'] : ['port'])]) {
        assert.ok(flags.has(required), `--${required} set`);
      }
      // The wrapper's ulimit must not lower the unit's LimitNOFILE (it sets soft and hard limits).
      const dropIn = read(`etc/systemd/system/mesos-${role}.service.d/mesosgen.conf`);
      assert.equal(ulimit, `ULIMIT=-n ${/^LimitNOFILE=(\d+)$/m.exec(dropIn)?.[1]}`);
    }
  });

  if (existsSync(join(host.root, 'etc/default/marathon'))) {
    test(`Marathon command line for ${host.name}`, () => {
      const version = host.spec.versions.marathon;
      let args: string[];
      if (existsSync(join(host.root, 'etc/marathon/conf'))) {
        args = run('conf-dir-launcher.sh', host.root, 'marathon');
      } else {
        // 1.5+: systemd's EnvironmentFile, then Marathon's own MARATHON_* -> --flag mapping (Main.envToArgs).
        const text = read('etc/default/marathon');
        const env = parseEnvironmentFile(text);
        const sourced = execFileSync(
          'bash',
          [
            '-c',
            'set -a; . "$1"; for v in $(compgen -e); do [[ $v != MARATHON_* ]] || printf "%s=%s\\0" "$v" "${!v}"; done',
            '_',
            join(host.root, 'etc/default/marathon'),
          ],
          { encoding: 'utf8' },
        );
        assert.deepEqual(
          Object.fromEntries(
            sourced
              .split('\0')
              .slice(0, -1)
              .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
          ),
          env,
          'shell loaders (SysV, upstart) read the file as systemd does',
        );
        args = Object.entries(env)
          .filter(([k]) => k.startsWith('MARATHON_') && !k.startsWith('MARATHON_APP_'))
          .flatMap(([k, v]) => [`--${k.slice('MARATHON_'.length).toLowerCase()}`, ...(v === '' ? [] : [v])]);
      }
      const flags = checkScallopArgs(args, MARATHON_FLAGS, 'Marathon', version, host.name);
      // `mesosgen verify` expects the flags the launcher passes (a bare flag as "true").
      const expected = marathonFlags(sideHost(host.root), readOrNone(host.root));
      // checkScallopArgs files a toggle's --disable_<name> under <name>.
      const toggle = (k: string) => (k.startsWith('disable_') && MARATHON_FLAGS[k.slice(8)]?.type === 'toggle' ? k.slice(8) : k);
      assert.deepEqual(new Map([...expected].map(([k, v]) => [toggle(k), v])), new Map([...flags].map(([k, v]) => [k, v === true ? 'true' : v])));
      assert.equal(flags.get('master'), zkUrl);
      assert.match(String(flags.get('zk')), /^zk:\/\/([^:@/]+:[^@/]+@)?[A-Za-z0-9.:,-]+(\/[A-Za-z0-9_.-]+)+$/, 'Marathon ZkUrlPattern');
    });
  }

  if (existsSync(join(host.root, 'etc/chronos/conf'))) {
    test(`Chronos command line for ${host.name}`, () => {
      const args = run('conf-dir-launcher.sh', host.root, 'chronos');
      const flags = checkScallopArgs(args, CHRONOS_FLAGS, 'Chronos', host.spec.versions.chronos, host.name);
      assert.equal(flags.get('master'), zkUrl);
      assert.match(String(flags.get('zk_hosts')), /^([A-Za-z0-9.-]+:\d+)(,[A-Za-z0-9.-]+:\d+)*$/, 'zk_hosts is host:port,... without zk://');
    });
  }
}
