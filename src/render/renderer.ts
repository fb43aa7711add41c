// The templates, compiled once per build and reused for every host, with the one serialiser per
// format registered as a filter; and what rendering returns: files as data.
import { markdownText } from '../util/markdown.js';
import nunjucks from 'nunjucks';
import { InternalError } from '../util/errors.js';
import { commentText, envFileValue, hostsField, propertiesValue, shellQuote, systemdPath, systemdWords } from '../util/escape.js';
import { PRECOMPILED } from './templates.generated.js';

/** A file for one host. `path` is relative to the host's folder (e.g. rootfs/etc/mesos/zk). */
export interface RenderedFile {
  path: string;
  mode: number;
  content: Buffer;
  /** Only from renderHost's `deferGzip`: `content` is still to be gzipped (emit does it off the main thread). */
  gzip?: true;
  /** rootfs files: the units that read it (restarted when it changes), as render declares them. */
  readers?: readonly string[];
  /** The content's SHA-256 where render needed it anyway (install.sh lists the rootfs sums); output reuses it. */
  sha256?: string;
}

export interface Renderer {
  render(template: string, context: object): string;
  /** As render, but computed once per `key` object: for output that is the same on every host. */
  renderShared(template: string, key: object, context: object): string;
}

const TEMPLATES = [
  'zoo.cfg.njk',
  'mesos.default.njk',
  'mesos-master.default.njk',
  'mesos-slave.default.njk',
  'marathon.default.njk',
  'dropin.conf.njk',
  'zookeeper.service.njk',
  'hosts.njk',
  'chronos.default.njk',
  'install.sh.njk',
  'deploy.sh.njk',
  'rollout.sh.njk',
  'rollout.md.njk',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * Loads every template, precompiled at build time (scripts/compiled.mjs; a test keeps it in step
 * with templates/). Throws InternalError if one is missing.
 */
export function createRenderer(): Renderer {
  const env = new nunjucks.Environment([], {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('shq', shellQuote);
  env.addFilter('prop', propertiesValue);
  env.addFilter('hostsField', hostsField);
  env.addFilter('comment', commentText);
  env.addFilter('envValue', envFileValue);
  env.addFilter('unitWords', systemdWords);
  env.addFilter('unitPath', systemdPath);
  env.addFilter('md', (text: string | number) => markdownText(String(text)));
  env.addFilter('mdCell', (text: string | number) => markdownText(String(text), true));
  const compiled = new Map<string, nunjucks.Template>();
  for (const name of TEMPLATES) {
    const code = (PRECOMPILED as Record<string, object | undefined>)[name];
    if (!code) throw new InternalError(`template ${name} is not precompiled; run npm run gen:compiled`);
    compiled.set(name, new nunjucks.Template({ type: 'code', obj: code } as unknown as string, env, name, true));
  }
  const render = (template: string, context: object) => {
    const t = compiled.get(template);
    if (!t) throw new InternalError(`no template ${template}`);
    return t.render(context);
  };
  const shared = new WeakMap<object, Map<string, string>>();
  return {
    render,
    renderShared(template, key, context) {
      const byTemplate = shared.get(key) ?? new Map<string, string>();
      shared.set(key, byTemplate);
      const text = byTemplate.get(template) ?? render(template, context);
      byTemplate.set(template, text);
      return text;
    },
  };
}
