#!/usr/bin/env node
/** The `lean-devtools` bin. */
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`lean-devtools: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
