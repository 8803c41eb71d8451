#!/usr/bin/env node
/** The `lean-devtools` bin. */
import { createProgram, exitFor } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const { code, line } = exitFor(error);
    if (line !== null) process.stderr.write(`${line}\n`);
    process.exitCode = code;
  });
