import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../util/errors.js';
import { countFindings, formatVerifyJson, formatVerifyMarkdown, formatVerifyText } from '../../verify/format-verify.js';
import { COMPONENTS, type Component } from '../../verify/probe.js';
import { verifyCluster } from '../../verify/verify-cluster.js';
import { EXIT } from '../io.js';
import type { CommandContext } from './context.js';

interface VerifyArgs {
  build: string;
  hosts?: string;
  timeout: number;
  parallel: number;
  'mesos-credentials'?: string;
  secrets?: string;
  only?: string;
  format: 'text' | 'json' | 'markdown';
}

export const VERIFY_EPILOGUE = `Exit codes:
  0   the running cluster matches the build
  1   drift found (each difference named, with what the build expects and what runs)
  2   usage error, or a build directory, --hosts file or secret that cannot be read
  3   no drift found, but some endpoint could not be asked (named; everything reachable was checked)`;

export function verifyCommand(ctx: CommandContext): CommandModule<object, VerifyArgs> {
  return {
    command: 'verify <build>',
    describe: 'Ask the running cluster whether it is the one BUILD describes: Mesos flags, versions and agents, Marathon apps, Chronos jobs, ZooKeeper',
    builder: (y: Argv) =>
      y
        .positional('build', { type: 'string', demandOption: true, describe: 'build output directory (mesosgen build --out)' })
        .option('hosts', { type: 'string', describe: 'lines "<host> [user@]address": where each host is reached (default: its IP; the user is ignored)' })
        .option('timeout', { type: 'number', default: 10, describe: 'seconds for each request, answer included' })
        .option('parallel', { type: 'number', default: 16, describe: 'requests in flight at most' })
        .option('mesos-credentials', { type: 'string', describe: 'file holding principal:secret, for masters and agents that authenticate HTTP' })
        .option('secrets', { type: 'string', describe: 'folder of secret files the build directory lacks (DIR/<host>/etc/...)' })
        .option('only', { type: 'string', describe: `comma-separated components to check: ${COMPONENTS.join(', ')}` })
        .option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const, describe: 'text by host, a JSON report, or Markdown' })
        .example('$0 verify out/', 'compare the running cluster with the build in out/')
        .example('$0 verify out/ --only zookeeper,mesos-master --format json', 'the masters only, for a script')
        .epilogue(VERIFY_EPILOGUE),
    handler: async (args) => {
      if (!(args.timeout > 0 && args.timeout <= 3600)) throw new UsageError('--timeout needs a number of seconds above 0, at most 3600');
      if (!Number.isInteger(args.parallel) || args.parallel < 1 || args.parallel > 1024) throw new UsageError('--parallel needs a whole number from 1 to 1024');
      const report = await verifyCluster({
        build: args.build,
        hostsFile: args.hosts,
        timeoutMs: args.timeout * 1000,
        parallel: args.parallel,
        mesosCredentialsFile: args['mesos-credentials'],
        secretsDir: args.secrets,
        components: args.only === undefined ? undefined : parseComponents(args.only),
      });
      ctx.io.out(args.format === 'json' ? formatVerifyJson(report) : args.format === 'markdown' ? formatVerifyMarkdown(report) : formatVerifyText(report));
      const { drift, unreachable } = countFindings(report);
      ctx.setExitCode(drift > 0 ? EXIT.changes : unreachable > 0 ? EXIT.unreachable : EXIT.ok);
    },
  };
}

function parseComponents(text: string): Set<Component> {
  const names = text.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.find((n) => !(COMPONENTS as readonly string[]).includes(n));
  if (unknown !== undefined || names.length === 0) throw new UsageError(`--only takes ${COMPONENTS.join(', ')}, comma-separated`);
  return new Set(names as Component[]);
}
