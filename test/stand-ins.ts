// Stand-in .debs for the packages whose programs cannot run here (Mesos, Marathon, Chronos, Docker):
// each ships the unit file its real package ships, with a launcher in its place. `sleep` launchers
// only sleep (enough for a chroot install); `serve` launchers answer HTTP on the address and port the
// generated configuration gives the real daemon, read from the same files it would read, so health
// gates and a booted host have something real to ask. They are not Mesos: only the addresses,
// ports and files are checked against the documented formats.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDeb } from './helpers.js';

const unit = (name: string, exec: string) =>
  `[Unit]\nDescription=${name} (mesosgen test stand-in)\n[Service]\nExecStart=${exec}\n[Install]\nWantedBy=multi-user.target\n`;

const SLEEP = '#!/bin/sh\n# mesosgen test stand-in: the real program cannot run in this test\nexec sleep infinity\n';

// Any GET is answered 200: /health for Mesos, /ping for Marathon, / for Chronos.
const SERVE = [
  'serve() {',
  "  exec python3 -c 'import sys, http.server as h",
  'class H(h.BaseHTTPRequestHandler):',
  '    def do_GET(self):',
  '        self.send_response(200); self.end_headers(); self.wfile.write(b"stand-in\\n")',
  '    def log_message(self, *args): pass',
  "h.HTTPServer((sys.argv[1], int(sys.argv[2])), H).serve_forever()' \"$1\" \"$2\"",
  '}',
].join('\n');

const script = (what: string, body: string) =>
  `#!/bin/sh\n# mesosgen test stand-in for ${what}: serves HTTP where the real one would listen\nset -eu\n${SERVE}\n${body}\n`;

// mesos-init-wrapper: the master's port from /etc/default/mesos-master (PORT), the agent's from
// /etc/mesos-slave/port; the address from /etc/mesos-<role>/ip, as the real wrapper passes them.
const MESOS = script(
  'mesos-init-wrapper',
  [
    'role=$1',
    'set -a; . /etc/default/mesos; . /etc/default/mesos-$role; set +a',
    'if [ -f /etc/mesos-$role/port ]; then PORT=$(cat /etc/mesos-$role/port); fi',
    'serve "$(cat /etc/mesos-$role/ip)" "${PORT:-5050}"',
  ].join('\n'),
);
// Marathon 1.5+ reads MARATHON_* from /etc/default/marathon.
const MARATHON = script('marathon', 'set -a; . /etc/default/marathon; set +a\nserve "$MARATHON_HOSTNAME" "$MARATHON_HTTP_PORT"');
// Chronos reads one file per flag from /etc/chronos/conf.
const CHRONOS = script('chronos', 'serve "$(cat /etc/chronos/conf/hostname)" "$(cat /etc/chronos/conf/http_port)"');

/** Writes the stand-in .debs into `dir`; `serve` needs python3 in the root they are installed in. */
export function buildStandIns(dir: string, launchers: 'sleep' | 'serve'): void {
  const serve = launchers === 'serve';
  const python = serve ? ', python3' : '';
  buildDeb(dir, 'mesos', '1.9.0-2.0.1', {
    ...(serve ? { depends: 'python3' } : {}),
    files: {
      'lib/systemd/system/mesos-master.service': unit('mesos-master', '/usr/bin/mesos-init-wrapper master'),
      'lib/systemd/system/mesos-slave.service': unit('mesos-slave', '/usr/bin/mesos-init-wrapper slave'),
      'usr/bin/mesos-init-wrapper': serve ? MESOS : SLEEP,
    },
  });
  // Marathon and Chronos depend on Java as the real ones do.
  buildDeb(dir, 'marathon', '1.9.109-1', {
    depends: `java8-runtime-headless | default-jre-headless${python}`,
    files: { 'lib/systemd/system/marathon.service': unit('marathon', '/usr/bin/marathon'), 'usr/bin/marathon': serve ? MARATHON : SLEEP },
  });
  buildDeb(dir, 'chronos', '3.0.2-1', {
    depends: `default-jre-headless${python}`,
    files: { 'lib/systemd/system/chronos.service': unit('chronos', '/usr/bin/chronos'), 'usr/bin/chronos': serve ? CHRONOS : SLEEP },
  });
  // install.sh's Docker gate runs `docker info`.
  buildDeb(dir, 'docker.io', '20.10.24+dfsg1-1', {
    files: {
      'lib/systemd/system/docker.service': unit('docker', '/usr/bin/dockerd'),
      'usr/bin/dockerd': SLEEP,
      'usr/bin/docker': '#!/bin/sh\n# mesosgen test stand-in: `docker info` answers while dockerd runs\nexit 0\n',
    },
  });
}

/** `work`/debs: the real .debs of `realDebs` (the cached zookeeperd closure) plus the stand-ins. */
export function bundleFolder(work: string, realDebs: string, launchers: 'sleep' | 'serve'): string {
  const debs = join(work, 'debs');
  mkdirSync(debs);
  for (const f of readdirSync(realDebs)) cpSync(join(realDebs, f), join(debs, f));
  buildStandIns(debs, launchers);
  return debs;
}

/** Writes the package list of the image at `root` to `file`, as the README tells operators to take it. */
export function writeImagePackages(root: string, file: string): void {
  const list = execFileSync('chroot', [root, 'dpkg-query', '-W', '-f', '${Package} ${Version} ${Provides}\\n'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  writeFileSync(file, list);
}
