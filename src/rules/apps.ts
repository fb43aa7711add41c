// Rules about Marathon apps (/apps), from Marathon's documented validation (PathId, AppValidation,
// AppNormalization, networking.md). What Marathon would answer with 422 is an error here.
import { diagnose } from '../diagnostics/diagnostic.js';
import { agentsUseDocker } from '../spec/resolve.js';
import { toPointer } from '../util/pointer.js';
import { absoluteAppId, describeAppIdError, isDockerApp, usesCanonicalNetworks, type App } from '../spec/workloads.js';
import type { Rule, RuleContext } from './rule.js';

const OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'];

const appsOf = (ctx: RuleContext): App[] => ctx.spec.apps;

export const appIdsAreValid: Rule = (ctx) => {
  const first = new Map<string, number>();
  appsOf(ctx).forEach((app, i) => {
    const path = toPointer('apps', i, 'id');
    const why = describeAppIdError(app.id);
    if (why) return ctx.report(diagnose('E_APP_ID_INVALID', path, { id: app.id, why }));
    const id = absoluteAppId(app.id);
    const seen = first.get(id);
    if (seen !== undefined) return ctx.report(diagnose('E_APP_ID_DUPLICATE', path, { id, first: `/apps/${seen}` }));
    first.set(id, i);
  });
  // An app's id cannot also be the group of another app.
  const ids = [...first.keys()];
  for (const [id, i] of first) {
    const child = ids.find((other) => other.startsWith(`${id}/`));
    if (child)
      ctx.report(diagnose('E_APP_ID_INVALID', toPointer('apps', i, 'id'), { id, why: `is also the group of app ${child}; an id is either an app or a group` }));
  }
};

export const appsRunSomething: Rule = (ctx) => {
  appsOf(ctx).forEach((app, i) => {
    if (app.cmd !== undefined && app.args !== undefined) ctx.report(diagnose('E_APP_CMD_AND_ARGS', toPointer('apps', i, 'args'), {}, { at: 'key' }));
    else if (app.cmd === undefined && app.args === undefined && app.container === undefined)
      ctx.report(diagnose('E_APP_NOTHING_TO_RUN', toPointer('apps', i), {}));
  });
};

export const appNetworksAreValid: Rule = (ctx) => {
  const version = ctx.spec.versions.marathon;
  const canonical = usesCanonicalNetworks(version);
  appsOf(ctx).forEach((app, i) => {
    const at = (...rest: Array<string | number>) => toPointer('apps', i, ...rest);
    const docker = app.container?.docker;
    const networks = app.networks ?? [];
    const unsupported = (why: string, path: string) => ctx.report(diagnose('E_APP_NETWORK_UNSUPPORTED', path, { why }));
    if (docker?.network !== undefined && app.networks !== undefined)
      ctx.report(diagnose('E_APP_NETWORK_MIXED', at('container', 'docker', 'network'), {}, { at: 'key' }));
    if (docker?.portMappings !== undefined && app.container?.portMappings !== undefined)
      ctx.report(diagnose('E_APP_PORTMAPPINGS_BOTH', at('container', 'docker', 'portMappings'), {}, { at: 'key' }));
    if (docker?.network === 'NONE')
      unsupported('Marathon refuses docker network NONE ("unsupported docker network type"); use networks', at('container', 'docker', 'network'));
    // Marathon >= 1.5 still reads the docker-level forms; each draws a hint to the canonical one.
    const legacyForm = (field: 'network' | 'portMappings', written: string) =>
      ctx.report(diagnose('W_APP_LEGACY_FORM', at('container', 'docker', field), { field: `container.docker.${field}`, version, written }, { at: 'key' }));
    if (canonical && docker?.network !== undefined && docker.network !== 'NONE' && app.networks === undefined) legacyForm('network', '"networks"');
    if (canonical && docker?.portMappings !== undefined && app.container?.portMappings === undefined) legacyForm('portMappings', 'container.portMappings');
    const modes = new Set(networks.map((n) => n.mode));
    if (modes.size > 1) unsupported('host, container/bridge and container networks cannot be mixed', at('networks'));
    else if ((modes.has('host') || modes.has('container/bridge')) && networks.length > 1)
      unsupported('only one host or container/bridge network is allowed', at('networks'));
    else if (modes.has('container') && networks.length > 1 && isDockerApp(app))
      unsupported('the Docker containerizer joins only one container network', at('networks'));
    networks.forEach((n, k) => {
      if (n.mode === 'container' && !n.name && ctx.spec.marathon.flags.default_network_name === undefined) {
        unsupported('a container network without "name" needs Marathon\'s default_network_name flag', at('networks', k));
      }
    });
    if (!canonical && app.networks !== undefined && !docker)
      unsupported(`Marathon ${version} has no "networks"; only Docker apps can be converted (to container.docker.network)`, at('networks'));
  });
};

export const appConstraintsAreValid: Rule = (ctx) => {
  appsOf(ctx).forEach((app, i) => {
    (app.constraints ?? []).forEach((c, k) => {
      const [, op, value] = c;
      const path = toPointer('apps', i, 'constraints', k);
      if (!OPERATORS.includes(op)) {
        ctx.report(diagnose('E_APP_CONSTRAINT', path, { why: `operator "${op}" is not one of ${OPERATORS.join(', ')}` }));
        return;
      }
      if (op === 'UNIQUE' && value !== undefined) ctx.report(diagnose('E_APP_CONSTRAINT', path, { why: 'UNIQUE takes no value' }));
      if (!['UNIQUE', 'GROUP_BY'].includes(op) && value === undefined) ctx.report(diagnose('E_APP_CONSTRAINT', path, { why: `${op} needs a value` }));
      if (op === 'MAX_PER' && value !== undefined && !/^[1-9][0-9]*$/.test(value))
        ctx.report(diagnose('E_APP_CONSTRAINT', path, { why: 'MAX_PER needs a positive whole number' }));
      if ((op === 'LIKE' || op === 'UNLIKE') && value !== undefined && !isRegex(value))
        ctx.report(diagnose('E_APP_CONSTRAINT', path, { why: `"${value}" is not a regular expression` }));
    });
  });
};

export const dockerAppsHaveDocker: Rule = (ctx) => {
  if (agentsUseDocker(ctx.spec)) return;
  appsOf(ctx).forEach((app, i) => {
    if (isDockerApp(app)) ctx.report(diagnose('E_WORKLOAD_NEEDS_DOCKER', toPointer('apps', i, 'container'), { kind: 'app' }));
  });
};

function isRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}
