// SIGINT and SIGTERM during a build: abort it (emit removes its staging directory and leaves the
// previous output alone), instead of dying with a half-written temp dir beside the output.

/** Runs `work` with an AbortSignal that SIGINT or SIGTERM aborts; the handlers are removed after. */
export async function withSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
