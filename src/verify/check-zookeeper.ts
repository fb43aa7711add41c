// ZooKeeper against the build: each member's mode (`srvr`: leader or follower in an ensemble,
// standalone alone), its id and client port (`conf`, only when zoo.cfg's 4lw.commands.whitelist lets
// it answer), and across the ensemble exactly one leader.
import { showValue } from './compare-values.js';
import type { HostExpectation } from './expect-host.js';
import { probeFourLetterWord, type Endpoint, type ProbeContext } from './probe.js';

/** A member's mode as `srvr` reported it, or undefined when it could not be asked. */
export async function checkZookeeperMember(ctx: ProbeContext, at: Endpoint, host: HostExpectation, ensemble: number): Promise<string | undefined> {
  const zookeeper = host.zookeeper!;
  const srvr = await probeFourLetterWord(ctx, at, 'srvr');
  if (!srvr) return undefined;
  const mode = srvr.get('Mode');
  const expected = ensemble > 1 ? 'leader or follower' : 'standalone';
  if (mode === undefined || !(ensemble > 1 ? ['leader', 'follower'] : ['standalone']).includes(mode))
    ctx.add({ host: host.name, component: 'zookeeper', code: 'V_ZK_MODE', key: 'mode', expected, found: showValue(mode ?? '(not reported)') });
  if (zookeeper.allowsConf) {
    const conf = await probeFourLetterWord(ctx, at, 'conf');
    const wanted: Array<[string, number]> = [['serverId', zookeeper.id], ['clientPort', zookeeper.port]];
    // A standalone server reports no serverId.
    for (const [key, value] of wanted) {
      const found = conf?.get(key);
      if (conf && found !== undefined && Number(found) !== value)
        ctx.add({ host: host.name, component: 'zookeeper', code: 'V_ZK_CONF', key, expected: String(value), found: showValue(found) });
    }
  }
  return mode;
}

/**
 * Exactly one leader among the members: more than one is always wrong; none is wrong only when
 * every member answered (an unreachable one may be the leader, and is reported already).
 */
export function checkZookeeperLeaders(ctx: ProbeContext, modes: ReadonlyArray<string | undefined>): void {
  if (modes.length < 2) return;
  const leaders = modes.filter((m) => m === 'leader').length;
  if (leaders > 1 || (leaders === 0 && modes.every((m) => m !== undefined)))
    ctx.add({ host: 'cluster', component: 'zookeeper', code: 'V_ZK_LEADERS', key: 'leaders', expected: 'one leader', found: `${leaders} leaders` });
}
