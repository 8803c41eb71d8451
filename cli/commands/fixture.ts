/** `lean-devtools fixture generate|verify`: wiring only; the commands are `lib/fixtures/command`. */
import type { Command } from 'commander';
import { fixtureCommand } from '../../lib/fixtures/command';

export function registerFixture(program: Command): void {
  program.addCommand(fixtureCommand());
}
