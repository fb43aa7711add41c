import type { CliIo } from '../io.js';

/** What a command handler gets besides its options: output streams and a way to set the exit code. */
export interface CommandContext {
  io: CliIo;
  setExitCode: (code: number) => void;
}
