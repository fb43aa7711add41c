// What a long build shows while it runs. On a terminal (stderr), once a build has taken about a
// second: one line, rewritten in place at most ten times a second, with the hosts done, the rate
// and what is happening; cleared at the end. Elsewhere (a pipe, CI), nothing. --verbose lists every
// file written instead; --quiet shows neither.
import type { ProgressEvent } from '../pipeline.js';
import type { CliIo } from './io.js';

/** A build that ends sooner shows no progress at all. */
const SHOW_AFTER_MS = 1000;
const EVERY_MS = 100;

export interface ProgressReporter {
  onProgress: (event: ProgressEvent) => void;
  /** Clears the progress line, if one is shown; call before printing the result. */
  finish: () => void;
}

export function createProgress(io: CliIo, mode: { verbose: boolean; quiet: boolean }, now: () => number = Date.now): ProgressReporter {
  const tty = !mode.quiet && !mode.verbose && (io.progressOnErr?.() ?? false);
  const start = now();
  let last = 0;
  let shown = false;
  let phase = 'checking the spec';
  const draw = (text: string) => {
    io.err(`\r\u001b[2K${text}`);
    shown = true;
  };
  return {
    onProgress(event) {
      if (event.phase === 'writing' && mode.verbose) for (const f of event.files) io.err(`wrote ${f}\n`);
      if (!tty) return;
      const t = now();
      if (event.phase === 'writing')
        phase = `rendering, writing and packing: ${event.done}/${event.total} hosts, ${Math.round((event.done * 1000) / Math.max(1, t - start))} hosts/s`;
      const finished = event.phase === 'writing' && event.done === event.total;
      if (t - start < SHOW_AFTER_MS || (t - last < EVERY_MS && !finished)) return;
      last = t;
      draw(`mesosgen: ${phase}`);
    },
    finish() {
      if (shown) io.err('\r\u001b[2K');
      shown = false;
    },
  };
}
