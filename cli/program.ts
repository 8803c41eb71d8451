/**
 * The `lean-devtools` program. Each subcommand is a module exporting `register(program)`;
 * adding one is one line in `COMMANDS`.
 *
 * Usage errors (an unknown option or command, a missing or bad value) exit 2, as a bad setting
 * does, with one line on stderr: commander's own exit (code 1, which means "findings") is
 * overridden on every command, and its messages go through the terminal sanitiser.
 */
import { Command, CommanderError } from 'commander';
import { terminalLine } from '../lib/report/terminal';
import { registerAudit } from './commands/audit';
import { registerFixture } from './commands/fixture';
import { TOOL } from './tool';

const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerAudit, registerFixture];

/** The exit code of a usage error. */
export const USAGE_EXIT = 2;

export function createProgram(): Command {
  const program = new Command(TOOL.name)
    .description('Lean Link Web SDK checks for CI: the Lean DevTools panel’s findings, from the command line.')
    .version(TOOL.version);
  for (const register of COMMANDS) register(program);
  strictUsage(program);
  return program;
}

/** On `command` and every subcommand (`addCommand` copies no settings): throw instead of exiting, one-line errors. */
function strictUsage(command: Command): void {
  command.exitOverride();
  command.configureOutput({
    outputError: (message, write) => write(`${TOOL.name}: ${terminalLine(message.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' '))}\n`),
  });
  for (const sub of command.commands) strictUsage(sub);
}

/**
 * The exit code for what `parseAsync` threw, and the line to print (null when commander
 * printed it already): help and version exit 0, every other commander error is a usage error.
 */
export function exitFor(error: unknown): { code: number; line: string | null } {
  if (error instanceof CommanderError) {
    const done = error.exitCode === 0 && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help');
    return { code: done ? 0 : USAGE_EXIT, line: null };
  }
  return { code: USAGE_EXIT, line: `${TOOL.name}: ${terminalLine(error instanceof Error ? error.message : String(error))}` };
}
