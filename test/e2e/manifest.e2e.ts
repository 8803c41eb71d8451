import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks on the built extensions (hence in the suite that runs after the build).
const BUILDS = ['.output/chrome-mv3', '.output/firefox-mv3'];

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
}

const manifest = (build: string): Manifest => JSON.parse(readFileSync(path.join(build, 'manifest.json'), 'utf8'));

/** The first column of the README's "Permissions" table, without backticks. */
function documentedPermissions(): Set<string> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('## Permissions')[1]!.split('\n## ')[0]!;
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const cell = /^\|\s*([^|]+?)\s*\|/.exec(line)?.[1];
    if (!cell || cell === 'permission' || /^-+$/.test(cell)) continue;
    for (const name of cell.matchAll(/`([^`]+)`/g)) names.add(name[1]!);
  }
  return names;
}

function requested(m: Manifest): string[] {
  return [
    ...(m.permissions ?? []),
    ...(m.optional_permissions ?? []),
    ...(m.host_permissions ?? []),
    ...(m.optional_host_permissions ?? []),
    ...(m.content_scripts ?? []).flatMap((c) => c.matches),
  ];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe.each(BUILDS)('the %s build', (build) => {
  it('requests only permissions the README lists and justifies', () => {
    const documented = documentedPermissions();
    for (const permission of requested(manifest(build))) expect(documented, permission).toContain(permission);
  });

  it('keeps the default extension-page CSP and exposes nothing to web pages', () => {
    const m = manifest(build);
    expect(m.content_security_policy).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
  });

  it('ships no code that evaluates strings and loads no remote script', () => {
    for (const file of files(build).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(file, 'utf8');
      expect(/\beval\s*\(|new Function\s*\(/.test(text), `${file} evaluates strings`).toBe(false);
      expect(/\bimport(?:Scripts)?\(\s*["'`]https?:/.test(text), `${file} imports remote code`).toBe(false);
    }
    for (const file of files(build).filter((f) => f.endsWith('.html'))) {
      expect(/<script[^>]+src=["']https?:/.test(readFileSync(file, 'utf8')), `${file} loads a remote script`).toBe(false);
    }
  });

  it('does not contain the test-build probe', () => {
    for (const file of files(build)) {
      expect(readFileSync(file, 'latin1').includes('lean-devtools-e2e'), `${file} has the probe`).toBe(false);
    }
  });
});
