// Shared test helpers. Tests never read ../shared: everything they need is in the repository.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(REPO, 'bin/mesosgen.js');

const made: string[] = [];

/**
 * A fresh temporary directory, removed when the test file's process exits (KEEP_TEMP=1 keeps them
 * for a look after a failure). Every run used to leave its directories behind: 37 GB in /tmp here.
 */
export function tempDir(prefix = 'mesosgen-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0 && process.env.KEEP_TEMP !== '1') process.on('exit', removeTempDirs);
  made.push(dir);
  return dir;
}

// A directory with anything still mounted under it (a chroot's /proc after a crash) is left alone:
// removing it would reach into the mount.
function removeTempDirs(): void {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    // no /proc: nothing can be mounted under a test's directory either
  }
  for (const dir of made) {
    if (mounts.includes(` ${dir}/`) || mounts.includes(` ${dir} `)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      // A test that took its own permissions away (not as root): say so, but do not fail the file.
      process.stderr.write(`could not remove ${dir}: ${(err as Error).message}\n`);
    }
  }
}

/**
 * Every file under `dir`, as sorted relative paths (hidden files included). Links to folders are
 * followed; other links, dangling ones too (systemctl --root's absolute ones), are listed.
 */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (isDir(p)) walk(p);
      else found.push(relative(dir, p));
    }
  };
  walk(dir);
  return found.sort();
}

/** GNU tar's verbose listing of a .tar.gz, with numeric owners and UTC times. */
export function tarListing(tarball: string): string {
  return execFileSync('tar', ['--list', '--verbose', '--numeric-owner', '--utc', '-z', '-f', tarball], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** True when UPDATE_GOLDEN=1: golden files are rewritten instead of compared. */
export const UPDATING = process.env.UPDATE_GOLDEN === '1';

export interface DebExtra {
  depends?: string;
  preDepends?: string;
  provides?: string;
  /** More files, by path inside the package (no leading /): a unit file, a launcher. */
  files?: Record<string, string>;
}

/**
 * Builds a minimal Debian package with Debian's dpkg-deb (gzip members, fixed timestamps) and
 * returns its path. Its only file is /usr/share/<name>-mesosgen-test/VERSION.
 */
export function buildDeb(dir: string, name: string, version: string, extra: DebExtra = {}): string {
  const root = tempDir('mesosgen-deb-');
  mkdirSync(join(root, 'DEBIAN'));
  mkdirSync(join(root, `usr/share/${name}-mesosgen-test`), { recursive: true });
  const relations = [
    ['Pre-Depends', extra.preDepends],
    ['Depends', extra.depends],
    ['Provides', extra.provides],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
  writeFileSync(
    join(root, 'DEBIAN/control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: mesosgen tests ` +
    `<tests@mesosgen.invalid>\n${relations}Description: stand-in package for mesosgen tests\n`,
  );
  writeFileSync(join(root, `usr/share/${name}-mesosgen-test/VERSION`), `${version}\n`);
  for (const [path, content] of Object.entries(extra.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content, { mode: path.includes('/bin/') ? 0o755 : 0o644 });
  }
  // As apt-get download names files: the epoch's ":" as %3a.
  const deb = join(dir, `${name}_${version.replace(':', '%3a')}_all.deb`);
  execFileSync('dpkg-deb', ['-Zgzip', '--root-owner-group', '--build', root, deb], {
    stdio: 'ignore',
    env: { ...process.env, SOURCE_DATE_EPOCH: '946684800' },
  });
  return deb;
}

/**
 * ansible-playbook variables that run a generated rollout on this machine: every host local, root
 * becoming root through su (no password, no sudo), install.sh with --root into `dir`/roots/<host>.
 */
export function localRolloutVars(dir: string): Record<string, unknown> {
  return {
    ansible_connection: 'local',
    ansible_python_interpreter: '/usr/bin/python3',
    ansible_become_method: 'su',
    mesosgen_remote_dir: `${dir}/staging/{{ inventory_hostname }}`,
    mesosgen_install_args: ['--root', `${dir}/roots/{{ inventory_hostname }}`],
    mesosgen_installed_script: `${dir}/roots/{{ inventory_hostname }}/var/lib/mesosgen/.installed/install.sh`,
    mesosgen_gate_delay: 1,
  };
}

/** `count` distinct ports free on every address of `ips` now: the kernel's picks, checked. Throws after 50 tries. */
export async function freePorts(ips: string[], count: number): Promise<number[]> {
  const listen = (port: number, ip: string) =>
    new Promise<boolean>((r) => {
      const s = createServer().once('error', () => r(false)).listen(port, ip, () => s.close(() => r(true)));
    });
  const found: number[] = [];
  for (let attempt = 0; found.length < count && attempt < 50; attempt++) {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, ips[0], () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const free = await Promise.all(ips.map((ip) => listen(port, ip)));
    if (free.every(Boolean) && !found.includes(port)) found.push(port);
  }
  if (found.length < count) throw new Error(`no ${count} ports free on ${ips.join(', ')}`);
  return found;
}
