// `npm run bench`: the whole `mesosgen build` process (start-up included) for 100, 1,000 and 10,000
// hosts (100,000 with BENCH_LARGE=1, or any list in BENCH_SIZES), next to GNU `tar -czf` packing the
// same hosts/ tree in the same run, `mesosgen validate` of the seed, and `mesosgen verify` of a
// 1,000-host build (BENCH_VERIFY_HOSTS) against stand-ins for the running cluster. BENCH_RUNS repeats each
// size; BENCH_DIR chooses where; BENCH_BESIDE=1 runs a second build of the same spec beside each
// timed one (memory under contention). Prints a Markdown table: wall time and peak RSS (GNU time),
// peak RSS against the 10,000-host build's, output bytes per host, and build / tar.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOPBACK_PORTS, loopbackSpec, syntheticSpec } from './synthetic.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin/mesosgen.js');
const sizes = (process.env.BENCH_SIZES ?? `100,1000,10000${process.env.BENCH_LARGE === '1' ? ',100000' : ''}`).split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 1);
// mesosgen runs as users start it, through its #! line (which sets V8 flags), with this node.
process.env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
const beside = process.env.BENCH_BESIDE === '1';

/** Runs a command under GNU time: wall seconds and peak RSS in MB of the whole process. */
function timed(cmd: string, args: string[]): { seconds: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, rssMb: kb / 1024 };
}

/** As timed, with `other` (not timed) running at the same time; waits for it too. */
async function timedBeside(cmd: string, args: string[], other: string[]): Promise<{ seconds: number; rssMb: number }> {
  const child = spawn(other[0], other.slice(1), { stdio: 'ignore' });
  const exited = new Promise((done) => child.on('close', done));
  // spawnSync blocks this thread, not the other process.
  const result = timed(cmd, args);
  await exited;
  return result;
}

const du = (path: string) => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
const min = (xs: number[]) => Math.min(...xs);

// BENCH_DIR: where to build (default: the temporary directory); /dev/shm takes the disk out.
const work = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'mesosgen-bench-'));
// Nothing is deleted until the end: right after many files are deleted, creating files costs several
// times more on some file systems (ext4 without a journal skips recently freed inodes, re-reading
// inode tables: 1,000 hosts took 8.7-11.9 s after a deletion, 2.7 s without). Each run builds into
// a fresh folder, and dirty pages are flushed before each timed command so it pays only its own.
const settle = () => execFileSync('sync');
const rows: string[] = [];
let verifyRow = '';

/**
 * `mesosgen verify` of an n-host build (on loopback addresses) against the stand-ins of
 * test/stand-in-cluster.ts, served by another process: every master, agent, Marathon, Chronos and
 * ZooKeeper answers as built, so verify must exit 0. Returns the table row.
 */
async function benchVerify(n: number): Promise<string> {
  const spec = join(work, `verify-${n}.json`);
  writeFileSync(spec, JSON.stringify(loopbackSpec(n)));
  const out = join(work, `verify-out-${n}`);
  execFileSync(BIN, ['build', spec, '--out', out, '--quiet']);
  const serve = [join(REPO, 'dist/bench/stand-ins.js'), out, String(LOOPBACK_PORTS.chronos)];
  const server = spawn(process.execPath, serve, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((ready, fail) => {
      server.stdout.once('data', ready);
      server.once('exit', (code) => fail(new Error(`the stand-ins stopped (${code})`)));
    });
    settle();
    const verify = timed(BIN, ['verify', out]);
    const row = `| verify, ${n} hosts | ${verify.seconds.toFixed(2)} s | ${verify.rssMb.toFixed(0)} MB |`;
    console.log(row);
    return row;
  } finally {
    server.kill();
  }
}
// Peak RSS should not grow with hosts: each size is compared with the 10,000-host build's.
let rssAt10k: number | undefined;
try {
  const validate = Array.from({ length: 3 }, () => timed(BIN, ['validate', join(REPO, 'fixtures/seed/cluster.json')]).seconds);
  console.log(`seed validate: ${min(validate).toFixed(2)} s (min of 3)`);
  for (const n of sizes) {
    const spec = join(work, `spec-${n}.json`);
    writeFileSync(spec, JSON.stringify(syntheticSpec(n)));
    const builds: Array<{ seconds: number; rssMb: number }> = [];
    const tars: number[] = [];
    let bytes = 0;
    for (let k = 0; k < runs; k++) {
      const out = join(work, `out-${n}-${k}`);
      settle();
      const build = ['build', spec, '--out', out];
      const other = [BIN, 'build', spec, '--out', `${out}-beside`, '--quiet'];
      builds.push(beside ? await timedBeside(BIN, build, other) : timed(BIN, build));
      bytes = du(join(out, 'hosts')) + du(join(out, 'tarballs'));
      settle();
      tars.push(timed('tar', ['-czf', join(work, `tar-${n}-${k}.tar.gz`), '-C', out, 'hosts']).seconds);
    }
    const build = min(builds.map((b) => b.seconds));
    const tar = min(tars);
    const rss = Math.max(...builds.map((b) => b.rssMb));
    if (n === 10000) rssAt10k = rss;
    const rssRatio = rssAt10k === undefined ? '-' : `${(rss / rssAt10k).toFixed(2)}x`;
    const row =
      `| ${n} | ${build.toFixed(2)} s | ${rss.toFixed(0)} MB | ${rssRatio} | ${(bytes / n / 1024).toFixed(1)} KB | ` +
      `${(bytes / 1e6).toFixed(0)} MB | ${tar.toFixed(2)} s | ${(build / tar).toFixed(2)}x |`;
    rows.push(row);
    console.log(row);
  }
  verifyRow = await benchVerify(Number(process.env.BENCH_VERIFY_HOSTS ?? 1000));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  [
    '',
    `| hosts | mesosgen build (min of ${runs})${beside ? ', another beside' : ''} | peak RSS | RSS / 10,000 hosts' | ` +
      'output per host | output | tar -czf hosts/ | build / tar |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| mesosgen verify against stand-ins | wall time | peak RSS |',
    '|---|---|---|',
    verifyRow,
  ].join('\n'),
);
