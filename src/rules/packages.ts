// Rules about where packages come from (the files themselves are read and checked by gather/).
import { diagnose } from '../diagnostics/diagnostic.js';
import { toPointer } from '../util/pointer.js';
import type { Rule } from './rule.js';

/** The public Mesosphere repository, retired: it no longer serves packages. */
const RETIRED_HOSTS = ['repos.mesosphere.com', 'repos.mesosphere.io'];

export const packageSourceIsConfigured: Rule = ({ spec, report }) => {
  const { source } = spec.packages;
  for (const section of ['repository', 'bundle'] as const) {
    const present = spec.packages[section] !== undefined;
    if (source === section && !present) report(diagnose('E_PACKAGES_SECTION_MISSING', '/packages/source', { source, section }));
    if (source !== section && present) report(diagnose('W_PACKAGES_SECTION_UNUSED', `/packages/${section}`, { section, source }, { at: 'key' }));
  }
};

export const repositoryIsServed: Rule = ({ spec, report }) => {
  const repo = spec.packages.repository;
  if (!repo || spec.packages.source !== 'repository') return;
  const host = new URL(repo.url).hostname;
  if (RETIRED_HOSTS.includes(host)) report(diagnose('W_REPOSITORY_RETIRED', '/packages/repository/url', { url: repo.url }));
};

export const bundleFilesAreUnique: Rule = ({ spec, report }) => {
  const first = new Map<string, number>();
  spec.packages.bundle?.files.forEach((file, i) => {
    const seen = first.get(file.name);
    if (seen === undefined) first.set(file.name, i);
    else
      report(diagnose('E_BUNDLE_DUPLICATE', toPointer('packages', 'bundle', 'files', i, 'name'), { name: file.name, first: `/packages/bundle/files/${seen}` }));
  });
};
