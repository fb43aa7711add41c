// `npm run bench`: time and peak memory of `mesosgen build` for 100, 1,000 and 10,000 hosts, next to
// GNU `tar -czf` packing the same hosts/ tree. Targets: 10,000 hosts within 2x of tar, under 300 MB.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticSpec } from './synthetic.js';

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'mesosgen-bench-'));
const runner = new URL('./run-build.js', import.meta.url).pathname;
const rows: string[] = [];
try {
  for (const n of sizes) {
    const spec = join(work, `spec-${n}.json`);
    const out = join(work, `out-${n}`);
    writeFileSync(spec, JSON.stringify(syntheticSpec(n)));
    const child = spawnSync(process.execPath, [runner, spec, out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status !== 0) throw new Error(`build of ${n} hosts failed:\n${child.stderr}`);
    const build = JSON.parse(child.stdout) as { code: number; wallMs: number; maxRssKb: number };
    if (build.code !== 0) throw new Error(`build of ${n} hosts exited ${build.code}:\n${child.stderr}`);
    const tarStart = process.hrtime.bigint();
    execFileSync('tar', ['-czf', join(work, `tar-${n}.tar.gz`), '-C', out, 'hosts']);
    const tarMs = Number(process.hrtime.bigint() - tarStart) / 1e6;
    const row = `| ${n} | ${(build.wallMs / 1000).toFixed(2)} s | ${(build.maxRssKb / 1024).toFixed(0)} MB | ${(tarMs / 1000).toFixed(2)} s | ${(build.wallMs / tarMs).toFixed(2)}x |`;
    rows.push(row);
    console.log(row);
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(['', '| hosts | mesosgen build | peak RSS | tar -czf hosts/ | build / tar |', '|---|---|---|---|---|', ...rows].join('\n'));
