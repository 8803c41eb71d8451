/**
 * `npm run demo` (= `wxt build && tsx scripts/demo.ts`): serves the Acme Store demo page
 * (test/fixtures/demo/, with the local Lean SDK stand-in) and opens it in Chromium with
 * the freshly built extension loaded and DevTools open. Ctrl+C closes both.
 *
 * Environment:
 *   CHROME_PATH         browser binary (default /usr/bin/chromium)
 *   DEMO_HEADLESS=1     smoke run for CI: headless, checks that the extension and the demo
 *                       page loaded, then exits (0 = fine)
 *   DEMO_EXTENSION_DIR  unpacked extension to load (default .output/chrome-mv3)
 *   DEMO_VERBOSE=1      pass the browser's own output through
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../test/fixtures/server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFERRED_PORT = 5173;
const SMOKE_TIMEOUT_MS = 45_000;

const env = process.env;
const headless = env.DEMO_HEADLESS === '1';
const verbose = env.DEMO_VERBOSE === '1';
const chromePath = env.CHROME_PATH || '/usr/bin/chromium';
const extensionDir = path.resolve(ROOT, env.DEMO_EXTENSION_DIR || '.output/chrome-mv3');

function fail(message: string, code = 1): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

/** True when something accepts connections at host:port. */
function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startServer(): Promise<FixtureServer> {
  // The fixture server binds 127.0.0.1 only, but the browser may resolve localhost to ::1
  // first: a dev server there (Vite's default port is 5173 too) would answer instead.
  if (!(await isListening('::1', PREFERRED_PORT))) {
    try {
      return await startFixtureServer({ port: PREFERRED_PORT });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const server = await startFixtureServer();
  console.log(`demo: port ${PREFERRED_PORT} is taken, using ${server.port} instead`);
  return server;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface DevToolsTarget {
  id: string;
  type: string;
  url: string;
  title: string;
}

/** The browser's DevTools endpoint port, once it has written DevToolsActivePort. */
async function devToolsPort(userDataDir: string, exited: () => boolean): Promise<string> {
  for (const deadline = Date.now() + SMOKE_TIMEOUT_MS; Date.now() < deadline && !exited(); await sleep(100)) {
    const text = await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = text.split('\n')[0]?.trim();
    if (port) return port;
  }
  throw new Error(exited() ? 'the browser exited during start-up' : 'the browser did not open its DevTools endpoint');
}

/**
 * Opens the demo page in a new tab and closes the start-up tab. Chromium 156 never commits a
 * navigation given on the command line while an extension holding `webRequest` starts up, so
 * the browser starts on about:blank and the demo page is opened once it is up.
 */
async function openDemoTab(port: string, demoUrl: string): Promise<void> {
  const endpoint = `http://127.0.0.1:${port}/json`;
  const before = (await (await fetch(`${endpoint}/list`)).json()) as DevToolsTarget[];
  const opened = await fetch(`${endpoint}/new?${encodeURI(demoUrl)}`, { method: 'PUT' });
  if (!opened.ok) throw new Error(`could not open the demo page (${opened.status})`);
  for (const blank of before.filter((t) => t.type === 'page' && t.url === 'about:blank')) {
    await fetch(`${endpoint}/close/${blank.id}`).catch(() => undefined);
  }
}

/** Headless smoke: the extension's service worker and the loaded demo page show up as targets. */
async function smokeCheck(port: string, demoUrl: string, exited: () => boolean): Promise<string> {
  const deadline = Date.now() + SMOKE_TIMEOUT_MS;
  let targets: DevToolsTarget[] = [];
  while (Date.now() < deadline && !exited()) {
    await sleep(250);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/list`);
      targets = (await res.json()) as DevToolsTarget[];
    } catch {
      continue;
    }
    const extension = targets.find((t) => t.url.startsWith('chrome-extension://'));
    const page = targets.find((t) => t.type === 'page' && t.url.startsWith(demoUrl) && t.title.includes('Acme Store'));
    if (extension && page) {
      return `extension ${new URL(extension.url).host} (${extension.type}) and "${page.title}" are loaded`;
    }
  }
  if (exited()) throw new Error('the browser exited during the smoke check');
  throw new Error(
    `after ${SMOKE_TIMEOUT_MS / 1000}s the extension or the demo page was not loaded; targets: ` +
      JSON.stringify(targets.map((t) => `${t.type} ${t.url}`)),
  );
}

async function main(): Promise<void> {
  if (!headless && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    fail(
      [
        'no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the browser window cannot open.',
        '  On a desktop:           run `npm run demo` in a terminal of your graphical session',
        '  Virtual display:        xvfb-run -a npm run demo    (apt-get install xvfb)',
        '  Headless smoke check:   DEMO_HEADLESS=1 npm run demo',
      ].join('\n'),
      2,
    );
  }

  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    fail(`no built extension at ${extensionDir} (manifest.json missing): run \`npm run demo\`, which builds it first.`);
  }
  if (!existsSync(chromePath)) {
    fail(`no browser at ${chromePath}: install Chromium (apt-get install chromium) or set CHROME_PATH.`);
  }
  const server = await startServer();
  const demoUrl = server.url('/demo/');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'lean-devtools-demo-'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  const args = [
    `--user-data-dir=${userDataDir}`,
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    '--auto-open-devtools-for-tabs',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(isRoot ? ['--no-sandbox'] : []),
    // Local only (127.0.0.1), in a throw-away profile: how the demo page is opened.
    '--remote-debugging-port=0',
    ...(headless ? ['--headless=new'] : []),
    'about:blank',
  ];

  console.log(`demo: Acme Store demo page: ${demoUrl}`);
  console.log(`demo: also reachable as ${server.url('/demo/', '127.0.0.1')} (a second origin, for cross-origin frames)`);
  const relExt = path.relative(ROOT, extensionDir);
  console.log(`demo: extension: ${relExt && !relExt.startsWith('..') ? relExt : extensionDir}`);
  console.log(`demo: starting ${chromePath}${headless ? ' (headless smoke run)' : ''}; Ctrl+C to stop`);
  if (!headless) console.log('demo: in DevTools, open the "Lean" panel, then click the buttons on the page.');

  const browserLog: string[] = [];
  const child: ChildProcess = spawn(chromePath, args, {
    stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      browserLog.push(...chunk.split('\n').filter(Boolean));
      if (browserLog.length > 60) browserLog.splice(0, browserLog.length - 60);
    });
  }

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve();
    });
    child.once('error', (error) => {
      browserLog.push(`spawn failed: ${error.message}`);
      exitInfo = { code: 1, signal: null };
      resolve();
    });
  });

  let stopping = false;
  async function stop(code: number, why?: string): Promise<never> {
    if (stopping) return new Promise<never>(() => {});
    stopping = true;
    if (why) console.log(`demo: ${why}`);
    if (!exitInfo) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await server.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
    process.exit(code);
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop(0, `${signal}: closing the browser and the server`));
  }

  void exited.then(() => {
    if (stopping) return;
    const { code, signal } = exitInfo ?? { code: null, signal: null };
    const clean = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
    if (!clean && !verbose && browserLog.length > 0) {
      process.stderr.write(`demo: last browser output:\n  ${browserLog.slice(-25).join('\n  ')}\n`);
    }
    void stop(clean ? 0 : 1, `the browser exited (${signal ?? `code ${code}`})`);
  });

  const browserExited = () => exitInfo !== undefined;
  try {
    await openDemoTab(await devToolsPort(userDataDir, browserExited), demoUrl);
  } catch (error) {
    if (stopping) return;
    await stop(1, `could not open the demo page: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (headless) {
    try {
      const ok = await smokeCheck(await devToolsPort(userDataDir, browserExited), demoUrl, browserExited);
      await stop(0, `smoke check passed: ${ok}`);
    } catch (error) {
      if (stopping) return; // Ctrl+C or the browser's own exit got there first
      if (!verbose && browserLog.length > 0) {
        process.stderr.write(`demo: last browser output:\n  ${browserLog.slice(-25).join('\n  ')}\n`);
      }
      await stop(1, `smoke check FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
