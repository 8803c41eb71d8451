/**
 * Cross-check of `lib/csp` against the real thing: Debian's Chromium enforcing the same policies.
 *
 * Each corpus case (test/fixtures/csp-crosscheck/corpus.ts) and each audit case is served as a page
 * whose response carries the policy; the page then makes every probe request, and the browser's
 * verdict is read from its `securitypolicyviolation` events (disposition `enforce` → blocked,
 * only `report` → report-only-violation, none → allowed). We also check that a request the browser
 * blocked never reached the network. The browser's verdict must equal `lib/csp`'s for every probe.
 *
 * No real host is contacted: pages and subresources are answered by Playwright routing, and the
 * only real HTTP server is a local one on 127.0.0.1 (for cases that need two header lines, which a
 * routed response cannot carry); `--host-resolver-rules` maps `server.test` to it and makes every
 * other name fail to resolve, so nothing unrouted (WebSockets) leaves the machine.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { auditCsp, checkRequestAgainstPolicies, parseCspPolicies, vendorPolicy } from '../../lib/csp';
import type { AuditInput, MatrixRow, RequestStatus } from '../../lib/csp';
import type { CspPolicy } from '../../lib/model/types';
import { BLOB, CORPUS, EFFECTIVE_DIRECTIVE, policiesOf, requestOf } from '../fixtures/csp-crosscheck/corpus';
import type { CorpusCase, Probe, ProbeKind } from '../fixtures/csp-crosscheck/corpus';

const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CASE_PARAM = 'lean-devtools-case';

interface ServedPage {
  csp: string[];
  cspReportOnly: string[];
  meta: string[];
  /** Parser-inserted scripts to write in the markup. */
  markupScripts: Probe[];
}

interface Violation {
  blockedURI: string;
  effectiveDirective: string;
  disposition: 'enforce' | 'report';
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function html(page: ServedPage): string {
  const metas = page.meta.map((m) => `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(m)}">`).join('');
  const scripts = page.markupScripts
    .map(
      (p) =>
        `<script src="${escapeAttr(p.url)}"${p.nonce ? ` nonce="${escapeAttr(p.nonce)}"` : ''}${p.integrity ? ` integrity="${escapeAttr(p.integrity)}"` : ''}></script>`,
    )
    .join('');
  return `<!doctype html><html><head>${metas}<title>csp case</title>${scripts}</head><body></body></html>`;
}

/**
 * The key a probe's violation carries: effective directive + blocked URI. Chromium reports only the
 * scheme for data:/blob: URLs, and for a blocked frame only the origin (the empty string for data:).
 */
function probeKey(directive: string, url: string): string {
  if (url === BLOB || url.startsWith('blob:')) return `${directive} blob`;
  if (url.startsWith('data:')) return `${directive} data`;
  return `${directive} ${directive === 'frame-src' ? new URL(url).origin : new URL(url).href}`;
}

function violationKey(v: Violation): string {
  if (v.effectiveDirective === 'frame-src' && v.blockedURI === '') return 'frame-src data';
  if (v.effectiveDirective === 'frame-src' && /^https?:/.test(v.blockedURI)) return `frame-src ${new URL(v.blockedURI).origin}`;
  if (v.blockedURI === 'blob' || v.blockedURI === 'data') return `${v.effectiveDirective} ${v.blockedURI}`;
  try {
    return `${v.effectiveDirective} ${new URL(v.blockedURI).href}`;
  } catch {
    return `${v.effectiveDirective} ${v.blockedURI}`;
  }
}

function browserStatus(violations: readonly Violation[], key: string): RequestStatus {
  const mine = violations.filter((v) => violationKey(v) === key);
  if (mine.some((v) => v.disposition === 'enforce')) return 'blocked';
  if (mine.some((v) => v.disposition === 'report')) return 'report-only-violation';
  return 'allowed';
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: http.Server;
let serverPort = 0;
let current: ServedPage = { csp: [], cspReportOnly: [], meta: [], markupScripts: [] };
/** Every subresource URL that reached the (routed) network while the current case ran. */
const reached = new Set<string>();

const CONTENT_TYPES: Record<string, string> = {
  script: 'text/javascript',
  stylesheet: 'text/css',
  document: 'text/html',
};

async function onRoute(route: Route): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  if (url.hostname === 'server.test') return route.continue();
  if (url.searchParams.has(CASE_PARAM)) {
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    // A routed response carries one line per header: cases with several lines use the real server.
    if (current.csp.length > 0) headers['content-security-policy'] = current.csp.join(', ');
    if (current.cspReportOnly.length > 0) headers['content-security-policy-report-only'] = current.cspReportOnly.join(', ');
    return route.fulfill({ status: 200, headers, body: html(current) });
  }
  reached.add(url.href);
  return route.fulfill({
    status: 200,
    headers: { 'content-type': CONTENT_TYPES[request.resourceType()] ?? 'text/plain', 'access-control-allow-origin': '*' },
    body: '',
  });
}

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    // Several header lines of each kind, exactly as a real server sends them.
    if (current.csp.length > 0) res.setHeader('Content-Security-Policy', current.csp);
    if (current.cspReportOnly.length > 0) res.setHeader('Content-Security-Policy-Report-Only', current.cspReportOnly);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html(current));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as AddressInfo).port;

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP server.test 127.0.0.1, MAP * ~NOTFOUND',
    ],
  });
  context = await browser.newContext();
  await context.route('**/*', onRoute);
  // Injected by the driver, so it runs before the page's scripts and whatever the policy says.
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: unknown[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__violations.push({ blockedURI: e.blockedURI, effectiveDirective: e.effectiveDirective, disposition: e.disposition });
    });
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface BrowserProbe {
  kind: ProbeKind;
  url: string;
  nonce?: string;
}

/** Serves one page and makes every probe; returns the violations the page saw. */
async function runInBrowser(
  pageUrl: string,
  served: ServedPage,
  probes: readonly BrowserProbe[],
  predictedEvents: number,
): Promise<Violation[]> {
  current = served;
  reached.clear();
  const url = new URL(pageUrl);
  url.searchParams.set(CASE_PARAM, '1');
  await page.goto(url.href, { waitUntil: 'load' });
  return page.evaluate(async ({ list, predictedEvents }) => {
    const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const settle = (p: Promise<unknown>) => Promise.race([p.then(() => undefined, () => undefined), wait(1500)]);
    const element = <T extends HTMLElement>(el: T, attach: (el: T) => void): Promise<void> =>
      new Promise<void>((resolve) => {
        el.addEventListener('load', () => resolve());
        el.addEventListener('error', () => resolve());
        attach(el);
      });
    let n = 0;
    const run = (probe: (typeof list)[number]): Promise<unknown> => {
      const src = probe.url === 'blob:' ? URL.createObjectURL(new Blob(['probe'], { type: 'text/plain' })) : probe.url;
      switch (probe.kind) {
        case 'fetch':
          return fetch(src);
        case 'websocket':
          return new Promise<void>((resolve) => {
            try {
              const ws = new WebSocket(src);
              ws.onerror = ws.onclose = ws.onopen = () => resolve();
            } catch {
              resolve();
            }
          });
        case 'img':
          return element(new Image(), (img) => (img.src = src));
        case 'script':
          return element(document.createElement('script'), (s) => {
            if (probe.nonce) s.setAttribute('nonce', probe.nonce);
            s.src = src;
            document.head.append(s);
          });
        case 'style':
          return element(document.createElement('link'), (l) => {
            l.rel = 'stylesheet';
            l.href = src;
            document.head.append(l);
          });
        case 'font':
          return new FontFace(`probe${n++}`, `url("${src}")`).load();
        case 'frame':
          return element(document.createElement('iframe'), (f) => {
            f.src = src;
            document.body.append(f);
          });
        case 'media':
          return new Promise<void>((resolve) => {
            const v = document.createElement('video');
            v.preload = 'auto';
            v.onerror = v.onloadedmetadata = () => resolve();
            v.src = src;
            document.body.append(v);
          });
        default:
          return Promise.resolve(); // script-markup: already in the page's HTML
      }
    };
    await Promise.all(list.map((p) => settle(run(p))));
    // Violation events are queued as tasks, and a frame's comes from the browser process after the
    // frame's load event. Give the events lib/csp predicts up to 3 s to arrive (that only bounds
    // the wait: the verdicts compared are the events seen), then wait for a quiet period.
    const seen = () => (window as unknown as { __violations: Violation[] }).__violations;
    for (let waited = 0; seen().length < predictedEvents && waited < 3000; waited += 25) await wait(25);
    const quiet = list.some((p) => p.kind === 'frame') ? 250 : 100;
    let count = -1;
    for (let i = 0; i < 20 && count !== seen().length; i++) {
      count = seen().length;
      await wait(quiet);
    }
    return seen();
  }, { list: probes.map((p) => ({ kind: p.kind, url: p.url, nonce: p.nonce })), predictedEvents });
}

function servedOf(c: CorpusCase): ServedPage {
  return { csp: c.csp ?? [], cspReportOnly: c.cspReportOnly ?? [], meta: c.meta ?? [], markupScripts: c.probes.filter((p) => p.kind === 'script-markup') };
}

describe('lib/csp agrees with Chromium on the corpus', () => {
  for (const c of CORPUS) {
    it(c.name, async () => {
      const pageUrl = c.realServer ? c.page.replace('server.test', `server.test:${serverPort}`) : c.page;
      const { policies } = parseCspPolicies(policiesOf(c));
      const predicted = c.probes
        .map((probe) => checkRequestAgainstPolicies(requestOf(probe, pageUrl), policies, pageUrl).perPolicy.filter((v) => !v.allowed).length)
        .reduce((a, b) => a + b, 0);
      const violations = await runInBrowser(pageUrl, servedOf(c), c.probes, predicted);
      const rows = c.probes.map((probe) => {
        const request = requestOf(probe, pageUrl);
        const browser = browserStatus(violations, probeKey(EFFECTIVE_DIRECTIVE[probe.kind], probe.url));
        const lib = checkRequestAgainstPolicies(request, policies, pageUrl).status;
        const reachedNetwork = /^https?:/.test(probe.url) ? reached.has(new URL(probe.url).href) : null;
        return { probe: `${probe.kind} ${probe.url}`, browser, lib, spec: probe.expect, reachedNetwork };
      });
      // The browser's verdict, lib/csp's and the spec's expected answer are one and the same.
      expect(rows.map((r) => ({ probe: r.probe, browser: r.browser }))).toEqual(rows.map((r) => ({ probe: r.probe, browser: r.lib })));
      expect(rows.map((r) => r.lib)).toEqual(rows.map((r) => r.spec));
      // A blocked request never starts; an allowed fetch does.
      for (const r of rows) {
        if (r.browser === 'blocked' && r.reachedNetwork !== null) expect(r.reachedNetwork, `${r.probe} reached the network`).toBe(false);
        if (r.browser !== 'blocked' && r.probe.startsWith('fetch http')) expect(r.reachedNetwork, `${r.probe} never started`).toBe(true);
      }
    });
  }
});

/** How the SDK's request for a row of the host table is made in the page. */
function probeForRow(row: MatrixRow): BrowserProbe & { key: string; markup: boolean } {
  const kinds: Record<MatrixRow['directive'], ProbeKind> = {
    'default-src': 'media', // a type the table does not name: only default-src governs it
    'script-src': 'script',
    'style-src': 'style',
    'connect-src': 'fetch',
    'img-src': 'img',
    'font-src': 'font',
    'frame-src': 'frame',
  };
  const markup = row.directive === 'script-src' && row.source === 'https://cdn.leantech.me';
  const kind: ProbeKind = markup ? 'script-markup' : kinds[row.directive];
  const url = row.url.startsWith('blob:') ? BLOB : row.url;
  return { kind, url, key: probeKey(EFFECTIVE_DIRECTIVE[kind], url), markup };
}

const PAGE = 'https://shop.example/checkout';

async function auditInBrowser(input: AuditInput): Promise<{ mismatches: unknown[]; statuses: Record<RequestStatus, number> }> {
  const audit = auditCsp(input);
  const probes = audit.matrix.map(probeForRow);
  const served: ServedPage = {
    csp: input.policies.filter((p) => p.source === 'header' && p.disposition === 'enforce').map((p) => p.text),
    cspReportOnly: input.policies.filter((p) => p.source === 'header' && p.disposition === 'report').map((p) => p.text),
    meta: input.policies.filter((p) => p.source === 'meta').map((p) => p.text),
    markupScripts: probes.filter((p) => p.markup).map((p) => ({ kind: 'script-markup', url: p.url, expect: 'allowed' })),
  };
  // The browser's own verdict per row: the audit marks the default-src row allowed when no SDK request
  // type falls back to default-src ('unused-fallback'), but the media probe standing for it is still judged.
  const applied = parseCspPolicies(input.policies).policies;
  const browserVerdicts = audit.matrix.map((row) =>
    row.directive === 'default-src' ? checkRequestAgainstPolicies({ url: row.url, directive: 'default-src' }, applied, input.pageUrl) : row,
  );
  const predicted = browserVerdicts.map((v) => v.perPolicy.filter((p) => !p.allowed).length).reduce((a, b) => a + b, 0);
  const violations = await runInBrowser(input.pageUrl, served, probes, predicted);
  const statuses: Record<RequestStatus, number> = { allowed: 0, blocked: 0, 'report-only-violation': 0 };
  const mismatches: unknown[] = [];
  audit.matrix.forEach((row, i) => {
    const browser = browserStatus(violations, probes[i]!.key);
    statuses[browser] += 1;
    const lib = browserVerdicts[i]!.status;
    if (browser !== lib) mismatches.push({ directive: row.directive, source: row.source, url: row.url, browser, lib });
  });
  return { mismatches, statuses };
}

const header = (text: string, disposition: CspPolicy['disposition'] = 'enforce'): CspPolicy => ({ source: 'header', disposition, text });

describe('the audit matrix agrees with Chromium for every SDK host', () => {
  const TYPICAL = "default-src 'self'; script-src 'self' https://cdn.leantech.me; connect-src 'self' https://link.sandbox.leantech.me; img-src 'self' data:";

  it('a typical page policy (fallbacks to default-src, a few hosts listed)', async () => {
    const { mismatches, statuses } = await auditInBrowser({ pageUrl: PAGE, policies: [header(TYPICAL)] });
    expect(mismatches).toEqual([]);
    expect(statuses.blocked).toBeGreaterThan(20);
  });

  it("the vendor's strict list allows every row", async () => {
    const { mismatches, statuses } = await auditInBrowser({ pageUrl: PAGE, policies: [header(vendorPolicy('strict'))] });
    expect(mismatches).toEqual([]);
    expect(statuses.blocked + statuses['report-only-violation']).toBe(0);
  });

  it("the vendor's relaxed list allows every row", async () => {
    const { mismatches, statuses } = await auditInBrowser({ pageUrl: PAGE, policies: [header(vendorPolicy('relaxed'))] });
    expect(mismatches).toEqual([]);
    expect(statuses.blocked).toBe(0);
  });

  it("a strict-dynamic nonce policy plus a report-only policy", async () => {
    const { mismatches, statuses } = await auditInBrowser({
      pageUrl: PAGE,
      policies: [header("script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'"), header("default-src 'self'", 'report')],
    });
    expect(mismatches).toEqual([]);
    expect(statuses.blocked).toBe(1); // the loader tag, which carries no nonce
    expect(statuses['report-only-violation']).toBeGreaterThan(20);
  });

  it('a header plus a <meta> policy', async () => {
    const { mismatches } = await auditInBrowser({
      pageUrl: PAGE,
      policies: [header("connect-src 'self' https://*.leantech.me; img-src *"), { source: 'meta', disposition: 'enforce', text: "connect-src https:; img-src 'self' https://*.leantech.me; frame-ancestors 'none'" }],
    });
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['strict', { region: 'ae', env: 'sandbox' }],
    ['relaxed', { region: 'ae', env: 'sandbox' }],
    ['strict', { region: null, env: null }],
    ['relaxed', { region: 'sa', env: 'production' }],
  ] as const)('the %s suggestion for scope %j unblocks every host in scope', async (variant, scope) => {
    const before = auditCsp({ pageUrl: PAGE, policies: [header(TYPICAL)], scope });
    const suggested = before.suggestions[0]![variant];
    const input: AuditInput = { pageUrl: PAGE, policies: [header(suggested)], scope };
    const { mismatches } = await auditInBrowser(input);
    expect(mismatches).toEqual([]);
    const after = auditCsp(input);
    expect(after.blocked).toEqual([]);
    expect(after.matrix.filter((r) => r.inScope && r.sdkNeeds && r.status !== 'allowed')).toEqual([]);
  });
});
