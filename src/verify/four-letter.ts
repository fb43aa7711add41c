// ZooKeeper's four-letter words (`srvr`, `conf`) over a plain TCP connection: send the word, read
// until the server closes. The answer is untrusted like any other: bounded in time and size, and
// read as `key: value` or `key=value` lines only.
import { connect } from 'node:net';

/** `srvr` and `conf` answer in well under 2 KiB; more is not ZooKeeper. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type FourLetterOutcome = { ok: true; fields: Map<string, string> } | { ok: false; reason: string; kind: 'unreachable' | 'invalid' };

/**
 * Sends `word` to address:port and parses the answer's lines into fields (`Mode: leader` gives
 * Mode -> leader; `serverId=1` gives serverId -> 1). Resolves ok: false when the server cannot be
 * reached or does not answer within `timeoutMs`, answers too much, or answers that the word is not
 * allowed. Never rejects.
 */
export function askFourLetterWord(address: string, port: number, word: 'srvr' | 'conf', timeoutMs: number): Promise<FourLetterOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: FourLetterOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const socket = connect({ host: address, port }, () => socket.end(word));
    const timer = setTimeout(() => finish({ ok: false, kind: 'unreachable', reason: `no complete answer to ${word} within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) return finish({ ok: false, kind: 'invalid', reason: `answered ${word} with more than ${MAX_ANSWER_BYTES} bytes` });
      chunks.push(chunk);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, kind: 'unreachable', reason: err.code ?? err.message }));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // 3.5+ answers a word missing from 4lw.commands.whitelist with this sentence.
      if (/is not executed because it is not in the whitelist/.test(text))
        return finish({ ok: false, kind: 'invalid', reason: `${word} is not in 4lw.commands.whitelist` });
      const fields = new Map<string, string>();
      for (const line of text.split('\n')) {
        const m = /^([A-Za-z][A-Za-z0-9_. ]*?)\s*[:=]\s*(.*)$/.exec(line.trimEnd());
        if (m && !fields.has(m[1])) fields.set(m[1], m[2]);
      }
      if (fields.size === 0) return finish({ ok: false, kind: 'invalid', reason: `answered ${word} with nothing ZooKeeper would say` });
      finish({ ok: true, fields });
    });
  });
}
