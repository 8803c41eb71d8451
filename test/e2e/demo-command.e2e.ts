import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The README's first command ends in `tsx scripts/demo.ts`; its headless smoke mode proves
// that the built extension and the demo page come up together.
describe('the demo command', () => {
  it('serves the demo page and starts Chromium with the extension loaded', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/demo.ts'], {
      env: { ...process.env, DEMO_HEADLESS: '1' },
      encoding: 'utf8',
      timeout: 55_000,
    });
    expect(run.stderr + run.stdout).toContain('http://localhost:');
    expect(run.status).toBe(0);
  });
});
