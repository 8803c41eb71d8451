/**
 * Which Chromium runs the audit, and how it starts: `--chromium-path`, then `CHROMIUM_PATH`,
 * Debian's `/usr/bin/chromium`, then Playwright's downloaded Chromium when there is one.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export class BrowserError extends Error {}

export function findChromium(explicit: string | null, env: Record<string, string | undefined>, exists = existsSync): string {
  if (explicit) return explicit;
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  if (exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  let downloaded = '';
  try {
    downloaded = chromium.executablePath();
  } catch {
    // No Playwright browser registry entry for this platform.
  }
  if (downloaded && exists(downloaded)) return downloaded;
  throw new BrowserError('no Chromium found: pass --chromium-path, set CHROMIUM_PATH, or install chromium');
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        // CI containers give /dev/shm 64 MB, too little for Chromium's shared memory.
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        // Cross-site frames in the page's process: the hook and relay then reach every frame, as
        // the extension's content scripts do.
        '--disable-site-isolation-trials',
        '--disable-features=IsolateOrigins,site-per-process',
      ],
    });
  } catch (error) {
    throw new BrowserError(`Chromium (${executablePath}) failed to start: ${firstLine(error)}`);
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim())?.trim() ?? 'unknown error';
}
