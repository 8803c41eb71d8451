import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFromStrings } from './support/code-scan';

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

/** The rows of the "Permissions" table of docs/security.md, each as its trimmed cells. */
function permissionTable(): string[][] {
  const security = readFileSync('docs/security.md', 'utf8');
  const section = security.split('\n## Permissions\n')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-|\s]+\|$/.test(line))
    .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
}

/** The first column of the table, without backticks. */
function documentedPermissions(): Set<string> {
  const names = new Set<string>();
  for (const [cell] of permissionTable().slice(1)) {
    for (const name of cell!.matchAll(/`([^`]+)`/g)) names.add(name[1]!);
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
  it('requests only permissions docs/security.md lists and justifies', () => {
    const documented = documentedPermissions();
    for (const permission of requested(manifest(build))) expect(documented, permission).toContain(permission);
  });

  it('names every documented permission on the README’s front page too', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const permission of documentedPermissions()) expect(readme, permission).toContain(`\`${permission}\``);
  });

  it('says for each permission what it is in each mode (docs/security.md, "Per-site mode")', () => {
    const [header, ...rows] = permissionTable();
    expect(header).toEqual(['permission', 'every site (default)', 'only sites I choose', 'why']);
    for (const row of rows) expect(row.every((cell) => cell.length > 0) && row.length === header!.length, row[0]).toBe(true);
  });

  it('reaches no site beyond the one host permission that per-site mode narrows', () => {
    const m = manifest(build);
    expect(m.host_permissions).toEqual(['<all_urls>']);
    expect(m.optional_host_permissions).toBeUndefined();
    for (const script of m.content_scripts ?? []) expect(script.matches).toEqual(['<all_urls>']);
  });

  it('keeps the default extension-page CSP and exposes nothing to web pages', () => {
    const m = manifest(build);
    expect(m.content_security_policy).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources).toBeUndefined();
  });

  it('ships no code that evaluates strings and loads no remote script', () => {
    for (const file of files(build).filter((f) => f.endsWith('.js'))) {
      expect(codeFromStrings(readFileSync(file, 'utf8')), file).toEqual([]);
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
