import { describe, expect, it } from 'vitest';
import { SiteGate } from '../../../lib/site/gate';

describe('site gate: what the user chose, not what a tab was granted for the moment', () => {
  it('lets every page through on every site, an unknown address too', async () => {
    const gate = new SiteGate(async () => ['<all_urls>']);
    await expect(gate.allows('https://shop.example/')).resolves.toBe(true);
    await expect(gate.allows(undefined)).resolves.toBe(true);
  });

  it('in "only sites I choose", lets through a chosen site only, never an unknown address', async () => {
    const gate = new SiteGate(async () => ['*://localhost/*']);
    await expect(gate.allows('http://localhost:5173/checkout')).resolves.toBe(true);
    await expect(gate.allows('http://127.0.0.1/checkout')).resolves.toBe(false);
    await expect(gate.allows(undefined)).resolves.toBe(false);
  });

  it('reads the granted sites again after a change', async () => {
    let origins = ['*://localhost/*'];
    const gate = new SiteGate(async () => origins);
    await expect(gate.allows('https://shop.example/')).resolves.toBe(false);
    origins = ['*://localhost/*', '*://shop.example/*'];
    await expect(gate.allows('https://shop.example/')).resolves.toBe(false);
    gate.refresh();
    await expect(gate.allows('https://shop.example/')).resolves.toBe(true);
  });

  it('refuses everything but all-sites decisions when the browser cannot say what was granted', async () => {
    const gate = new SiteGate(() => Promise.reject(new Error('no permissions API')));
    await expect(gate.allows('https://shop.example/')).resolves.toBe(false);
  });
});
