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

/** How Chromium runs: with its sandbox or not, and the line to print when it runs without. */
export interface SandboxChoice {
  sandbox: boolean;
  /** Why the sandbox is off, for stderr; null when it is on or was turned off explicitly. */
  notice: string | null;
}

/**
 * Chromium keeps its sandbox unless told otherwise (`--no-sandbox`, `"sandbox": false`) or it
 * cannot start with it: as root, where Chromium refuses to start sandboxed. Elsewhere a
 * sandbox that fails to start fails the launch, with what to do (`launchChromium`).
 */
export function chooseSandbox(requested: boolean, uid: number | null): SandboxChoice {
  if (!requested) return { sandbox: false, notice: null };
  if (uid === 0) {
    return {
      sandbox: false,
      notice: "running as root, where Chromium cannot start sandboxed: the pages run without Chromium's sandbox (run as another user to keep it)",
    };
  }
  return { sandbox: true, notice: null };
}

/** The user id the process runs as, or null where there is none (Windows). */
export function processUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** The most `chromium.launch` may take: the run's `--timeout`, at least this. */
const MIN_LAUNCH_MS = 30_000;

/**
 * Headless Chromium with its site isolation (cross-site frames in processes of their own,
 * instrumented through their own targets: `instrument.ts`) and, as `chooseSandbox` decided,
 * its sandbox: Playwright turns the sandbox off unless `chromiumSandbox` is set.
 */
export async function launchChromium(executablePath: string, options: { sandbox: boolean; timeout: number }): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      chromiumSandbox: options.sandbox,
      timeout: Math.max(options.timeout, MIN_LAUNCH_MS),
      args: [
        '--disable-gpu',
        // CI containers give /dev/shm 64 MB, too little for Chromium's shared memory.
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  } catch (error) {
    const reason = firstLine(error);
    if (options.sandbox && /sandbox/i.test(String(error))) {
      throw new BrowserError(
        `Chromium (${executablePath}) could not start its sandbox (${reason}): allow unprivileged user namespaces, or pass --no-sandbox to run the pages without it`,
      );
    }
    throw new BrowserError(`Chromium (${executablePath}) failed to start: ${reason}`);
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim())?.trim() ?? 'unknown error';
}
