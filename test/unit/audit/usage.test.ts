import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgram, exitFor } from '../../../cli/program';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Parses `args` as the bin does (without running an audit): the exit code and what reached stderr and stdout. */
async function usage(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  let code = 0;
  try {
    await createProgram().parseAsync(['node', 'lean-devtools', ...args]);
  } catch (error) {
    const exit = exitFor(error);
    if (exit.line !== null) stderr += `${exit.line}\n`;
    code = exit.code;
  }
  return { code, stderr, stdout };
}

describe('usage errors exit 2 with one line on stderr', () => {
  it.each([
    ['an unknown option', ['audit', '--bogus'], "lean-devtools: unknown option '--bogus'"],
    ['an unknown option of a subcommand’s subcommand', ['fixture', 'verify', 'x', '--bogus'], "lean-devtools: unknown option '--bogus'"],
    ['a missing option value', ['audit', 'http://x.test/', '--reporter'], "lean-devtools: option '--reporter <list>' argument missing"],
    ['a missing required option', ['fixture', 'generate', '--from', 'a.json'], "lean-devtools: required option '--out <file>' not specified"],
    ['a bad option value', ['fixture', 'generate', '--from', 'a', '--out', 'b', '--timing', 'soon'], "lean-devtools: option '--timing <mode>' argument 'soon' is invalid. use instant, recorded or a number of milliseconds"],
    ['a missing argument', ['fixture', 'verify'], "lean-devtools: missing required argument 'glob'"],
    ['an unknown command', ['audti'], "lean-devtools: unknown command 'audti' (Did you mean audit?)"],
  ])('%s', async (_, args, line) => {
    const run = await usage(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('a page-text-like value stays one line without control characters', async () => {
    const run = await usage(['audit', '--bogus\r::error::forged\u001b[2J']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toEqual(["lean-devtools: unknown option '--bogus\\r::error::forged\\x1b[2J'", '']);
  });

  it('help and version still exit 0', async () => {
    expect((await usage(['--version'])).code).toBe(0);
    expect((await usage(['audit', '--help'])).code).toBe(0);
  });
});
