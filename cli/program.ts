/**
 * The `lean-devtools` program. Each subcommand is a module exporting `register(program)`;
 * adding one is one line in `COMMANDS`.
 */
import { Command } from 'commander';
import { registerAudit } from './commands/audit';
import { registerFixture } from './commands/fixture';
import { TOOL } from './tool';

const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerAudit, registerFixture];

export function createProgram(): Command {
  const program = new Command(TOOL.name)
    .description('Lean Link Web SDK checks for CI: the Lean DevTools panel’s findings, from the command line.')
    .version(TOOL.version);
  for (const register of COMMANDS) register(program);
  return program;
}
