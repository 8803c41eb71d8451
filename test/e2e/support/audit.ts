/**
 * Runs the built `lean-devtools` bin (`npm run build:package`) as a child process, each run
 * with its own output folder, and reads back what it wrote.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { AuditReport } from '../../../lib/audit/report';
import { startFixtureServer } from '../../fixtures/server';
import { CHROMIUM_PATH } from './chromium';

export const BIN = path.resolve('dist/cli.js');
export const FLOWS = path.resolve('test/fixtures/audit');

export interface AuditRun {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
  /** The files the run wrote, by name. */
  files: string[];
  report(): Promise<AuditReport>;
  read(name: string): Promise<string>;
}

export function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build:package first`);
}

/** The fixture server of a file of audit tests, started once the bin is known to be built, closed after them. */
export function auditFixtureServer(): { url(path: string, host?: 'localhost' | '127.0.0.1'): string } {
  let server: Awaited<ReturnType<typeof startFixtureServer>> | undefined;
  beforeAll(async () => {
    assertBuilt();
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  return { url: (fixture, host) => server!.url(fixture, host) };
}

export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; bin?: string[]; outputDir?: boolean } = {},
): Promise<AuditRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lean-audit-'));
  const command = options.bin ?? [process.execPath, BIN];
  const fullArgs = options.outputDir === false ? args : [...args, '--output-dir', dir];
  const child = spawn(command[0]!, [...command.slice(1), ...fullArgs], {
    cwd: options.cwd ?? process.cwd(),
    // A CI-like environment: no TTY, none of the caller's LEAN_DEVTOOLS_* settings.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), CHROMIUM_PATH, ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const files = existsSync(dir) ? (await readdir(dir)).sort() : [];
  return {
    code,
    stdout,
    stderr,
    dir,
    files,
    read: (name) => readFile(path.join(dir, name), 'utf8'),
    report: async () => JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as AuditReport,
  };
}
