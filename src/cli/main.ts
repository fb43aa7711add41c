// The command line: a thin yargs layer over the library. It never calls process.exit; bin/mesosgen.js
// sets process.exitCode from what main() returns.
import yargs, { type CommandModule } from 'yargs';
import { CommandLineError, InternalError, InterruptedError, UsageError } from '../util/errors.js';
import { suggestClosest } from '../util/suggest.js';
import { escapeForMessage } from '../util/text.js';
import { mesosgenVersion } from '../util/paths.js';
import { buildCommand } from './commands/build.js';
import { bundleCommand } from './commands/bundle.js';
import { convertCommand } from './commands/convert.js';
import { diffCommand } from './commands/diff.js';
import type { CommandContext } from './commands/context.js';
import { initCommand } from './commands/init.js';
import { planCommand } from './commands/plan.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { verifyCommand } from './commands/verify.js';
import { versionCommand } from './commands/version.js';
import { EXIT, processIo, type CliIo } from './io.js';
import { STDIN, resetStdinUse } from './stdin.js';

const EPILOGUE = `Exit codes:
  0   success (validate: the spec is valid)
  1   the spec is invalid (or has warnings, with --strict); nothing is written
  2   usage error, or a file that cannot be read or written
  (diff and plan: 0 no change, 1 changes, 2 error, 3 refused; verify: 0 matches, 1 drift,
  2 error, 3 unreachable; see their --help)
  130 stopped by SIGINT (143: SIGTERM); the previous output is unchanged
  70  internal error: a bug in mesosgen, please report it

Docs: README.md and the spec reference in docs/SPEC.md.`;

function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/**
 * Stops yargs from laying out the chosen command's whole help text before it runs the handler: yargs
 * keeps it for a failure message that showHelpOnFail(false) never shows, and the layout cost every
 * run 10 ms plus string-width's 20 ms start-up. The method is not in yargs' typings; should another
 * yargs lack it, nothing changes but the time (cli.test.ts checks the help and failure output).
 */
function skipHelpCache(parser: object): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** Runs mesosgen with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = { io, setExitCode: (code) => void (exitCode = code) };
  const commands = [
    buildCommand(ctx),
    validateCommand(ctx),
    diffCommand(ctx),
    planCommand(ctx),
    verifyCommand(ctx),
    initCommand(ctx),
    bundleCommand(ctx),
    convertCommand(ctx),
    schemaCommand(ctx),
    versionCommand(ctx),
    // `mesosgen help build` is `mesosgen build --help`, as kubeadm and k0sctl users type it.
    {
      command: 'help [command]',
      describe: 'Show the help of COMMAND (or of mesosgen)',
      handler: async (args: { command?: string }) => {
        ctx.setExitCode(await main([...(args.command ? [args.command] : []), '--help'], io));
      },
    },
  ] as CommandModule[];
  // Each command's usage line ("build <spec>"), by name, for messages about its arguments.
  const usages = new Map(commands.map((c) => [String(c.command).split(' ')[0], String(c.command)]));
  const command = commandOf(argv, usages);
  try {
    resetStdinUse();
    // yargs answers `completion --help` with the script itself: a user asking for help gets help.
    if (argv[0] === 'completion' && argv.some((a) => a === '--help' || a === '-h')) {
      io.out(COMPLETION_HELP);
      return EXIT.ok;
    }
    const parser = yargs(argv.map((a) => (a === '-' ? STDIN : a)));
    skipHelpCache(parser);
    await parser
      .scriptName('mesosgen')
      .usage(
        '$0 <command> [options]\n\nCompile one JSON cluster spec into per-host ZooKeeper, Mesos, Marathon, ' +
        'Chronos and systemd configuration, an install.sh and a cloud-init file per host, and deterministic ' +
        'tarballs.',
      )
      .command(commands)
      .example('$0 init cluster.json', 'write a starter spec with every section and its defaults')
      .example('$0 validate cluster.json', 'report every problem with FILE:LINE:COL and a fix')
      .example('$0 build cluster.json --out out', 'write out/hosts/*, out/tarballs/*.tar.gz, manifest.json, SHA256SUMS')
      .example('$0 diff out/ cluster.json', 'review what a spec change does to the last build')
      .completion('completion', 'Print a bash/zsh completion script (add `source <(mesosgen completion)` to ~/.bashrc)', completeWithoutShortAliases)
      .demandCommand(1, 'name a command: build, validate, diff, plan, verify, init, convert, bundle or schema')
      .strict()
      .recommendCommands()
      .showHelpOnFail(false)
      .exitProcess(false)
      .fail((message, error) => {
        // getOptions() is yargs' own (untyped): the options known where parsing failed.
        const known = Object.keys((parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
        throw error ?? new CommandLineError(commandLineMessage(message, argv, command, usages, known));
      })
      .version(mesosgenVersion())
      .help()
      .alias('h', 'help')
      .alias('v', 'version')
      .epilogue(EPILOGUE)
      .wrap(Math.min(100, process.stdout.columns || 80))
      .parseAsync();
    return exitCode;
  } catch (err) {
    // With --format json, CI reads every outcome from stdout, failures too.
    const json = wantsJson(argv);
    const fail = (code: number, kind: string, message: string, text: string) => {
      if (json) io.out(JSON.stringify({ error: { kind, message } }, null, 2) + '\n');
      // Messages name paths and values the user (or a build directory) gave: each line escaped, so
      // none can send a terminal escape, hide behind a bidi control or forge a line of its own.
      io.err(text.split('\n').map(escapeForMessage).join('\n'));
      return code;
    };
    if (err instanceof InterruptedError) {
      return fail(
        err.signal === 'SIGTERM' ? 143 : EXIT.interrupted,
        'interrupted',
        err.message,
        `mesosgen: ${err.message}; the previous output is unchanged\n`,
      );
    }
    // The usage hint helps with a command line, not with a file that cannot be read.
    const hint = err instanceof CommandLineError ? `Run 'mesosgen ${command ? `${command} ` : ''}--help' for usage.\n` : '';
    if (err instanceof UsageError) return fail(EXIT.usage, 'usage', err.message, `mesosgen: ${err.message}\n${hint}`);
    const detail = err instanceof InternalError ? err.message : String((err as Error)?.stack ?? err);
    return fail(
      EXIT.internal,
      'internal',
      detail,
      `mesosgen: internal error: ${detail}\nThis is a bug in mesosgen, not in your spec; please report it together with the spec.\n`,
    );
  }
}

/**
 * yargs' own completions, less the one-letter aliases it offers as `--o` and `--q` (they are `-o`
 * and `-q`; the long names complete). zsh gets "name:description" entries.
 */
function completeWithoutShortAliases(
  _current: string,
  _argv: unknown,
  completionFilter: (onCompleted: (err: Error | null, completions: string[] | undefined) => void) => void,
  done: (completions: string[]) => void,
): void {
  completionFilter((_err, completions) => done((completions ?? []).filter((c) => !/^--[^-:](:|$)/.test(c))));
}

const COMPLETION_HELP = `mesosgen completion

Print a bash/zsh completion script for mesosgen's commands and options.

  source <(mesosgen completion)          # this shell
  mesosgen completion >> ~/.bashrc       # every new bash
  mesosgen completion >> ~/.zshrc        # every new zsh
`;

/** The command `argv` names: its first word that is not an option, if that is a command. */
function commandOf(argv: readonly string[], usages: ReadonlyMap<string, string>): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && usages.has(first) ? first : undefined;
}

/**
 * yargs' message in mesosgen's words: a missing argument names the command's usage, an unknown
 * option gets a did-you-mean from the command's own options.
 */
function commandLineMessage(
  message: string,
  argv: readonly string[],
  command: string | undefined,
  usages: ReadonlyMap<string, string>,
  options: readonly string[],
): string {
  if (message.startsWith('Not enough non-option arguments')) {
    return command ? `missing argument: mesosgen ${usages.get(command) ?? command}` : message;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1].split(', ');
    const isOption = (name: string) => argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `-${name}`);
    if (!command && !names.some(isOption)) return `unknown command ${names[0]}; the commands: ${[...usages.keys()].join(', ')}`;
    const hints = names.map((name) => {
      const shown = !isOption(name) ? name : argv.includes(`-${name}`) ? `-${name}` : `--${name}`;
      // Option names are short: two edits ("--ouput" for "--out") still make a likely typo.
      const match = isOption(name) ? suggestClosest(name, options.filter((o) => o.length > 1), 2) : undefined;
      return match === undefined ? shown : `${shown} (did you mean --${match}?)`;
    });
    return `unknown ${names.every(isOption) ? 'option' : 'argument'}${names.length > 1 ? 's' : ''} ${hints.join(', ')}`;
  }
  const recommended = /^Did you mean (\S+)\?$/.exec(message);
  if (recommended) return `unknown command ${argv[0] ?? ''}; did you mean ${recommended[1]}?`;
  return message;
}

