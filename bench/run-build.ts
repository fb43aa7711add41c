// Child process of bench.ts: runs one `mesosgen build` through the CLI entry and prints wall time and
// peak RSS as JSON, so each measurement starts from a fresh process.
import { main } from '../src/cli/main.js';

const [spec, out] = process.argv.slice(2);
const start = process.hrtime.bigint();
const code = await main(['build', spec, '--out', out], { out: () => {}, err: (t) => void process.stderr.write(t) });
const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ code, wallMs, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
