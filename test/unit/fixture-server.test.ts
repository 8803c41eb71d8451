import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_SIGNATURE, secrets } from '../fixtures/demo/secrets';
import { FIXTURES_ROOT, startFixtureServer, type FixtureServer } from '../fixtures/server';

interface RawResponse {
  status: number;
  headers: string[];
  body: string;
}

/** A request sent exactly as written: fetch() would normalise `..` away. */
function rawGet(port: number, rawPath: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function headerValues(raw: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === name.toLowerCase()) values.push(raw[i + 1] ?? '');
  }
  return values;
}

describe('fixture server', () => {
  let server: FixtureServer;
  let scratch: string;
  let scratchServer: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    // A throwaway fixture folder for the header sidecar cases.
    scratch = await mkdtemp(path.join(tmpdir(), 'fixture-server-'));
    await writeFile(path.join(scratch, 'page.html'), '<!doctype html><title>x</title>');
    await writeFile(
      path.join(scratch, 'page.html.headers.json'),
      JSON.stringify({
        'Content-Security-Policy': ["script-src 'self'", "frame-src 'none'"],
        'content-security-policy': "img-src 'self'",
        'X-Fixture': 'yes',
      }),
    );
    scratchServer = await startFixtureServer({ root: scratch });
  });

  afterAll(async () => {
    await server.close();
    await scratchServer.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves a fixture with its content type and no caching, on both host names', async () => {
    for (const host of ['localhost', '127.0.0.1'] as const) {
      const res = await fetch(server.url('/cdn/link/loader/prod/ae/latest/lean-link-loader.min.js', host));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('class LeanSDK');
    }
    expect(server.origin).toBe(`http://localhost:${server.port}`);
    expect(server.url('demo/', '127.0.0.1')).toBe(`http://127.0.0.1:${server.port}/demo/`);
  });

  it('serves index.html for a folder and redirects a folder without its slash', async () => {
    const page = await fetch(server.url('/demo/'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('id="last-callback"');
    const redirect = await rawGet(server.port, '/demo?x=1');
    expect(redirect.status).toBe(301);
    expect(headerValues(redirect.headers, 'location')).toEqual(['/demo/?x=1']);
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    expect((await fetch(server.url('/demo/nope.html'))).status).toBe(404);
    expect((await rawGet(server.port, '/demo/', 'POST')).status).toBe(405);
  });

  it('refuses paths that leave the fixtures folder', async () => {
    for (const p of ['/../package.json', '/demo/../../package.json', '/%2e%2e/package.json', '/demo/%2E%2E%2F%2E%2E%2Fpackage.json', '/..%5cpackage.json']) {
      const res = await rawGet(server.port, p);
      expect([400, 403], p).toContain(res.status);
      expect(res.body, p).not.toContain('"name"');
    }
  });

  it('sends the headers of a .headers.json sidecar, several values of one name as several headers', async () => {
    const res = await rawGet(scratchServer.port, '/page.html');
    expect(res.status).toBe(200);
    expect(headerValues(res.headers, 'content-security-policy')).toEqual(["script-src 'self'", "frame-src 'none'", "img-src 'self'"]);
    expect(headerValues(res.headers, 'x-fixture')).toEqual(['yes']);
    // fetch() folds them into one comma-separated value, which is how a browser sees two CSPs.
    const folded = (await fetch(scratchServer.url('/page.html'))).headers.get('content-security-policy');
    expect(folded).toBe("script-src 'self', frame-src 'none', img-src 'self'");
  });

  it('generates /demo/secrets.js from secrets.json with a fresh one-hour token', async () => {
    const js = await (await fetch(server.url('/demo/secrets.js'))).text();
    expect(js).toContain(secrets.accessToken);
    expect(js).toContain(secrets.appToken);
    expect(secrets.accessToken.endsWith(`.${ACCESS_TOKEN_SIGNATURE}`)).toBe(true);
    const claims = JSON.parse(Buffer.from(secrets.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub: string;
      exp: number;
    };
    expect(claims.sub).toBe(secrets.customerId);
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(50 * 60);
    for (const value of [secrets.appToken, secrets.customerId, ACCESS_TOKEN_SIGNATURE]) {
      expect(value.length).toBeGreaterThanOrEqual(32);
    }
  });

  it('keeps the three Lean stand-in files identical', async () => {
    const files = [
      'cdn/link/loader/prod/ae/latest/lean-link-loader.min.js',
      'cdn/link/loader/prod/sa/latest/lean-link-loader.min.js',
      'cdn/link/sdk/web/latest/Lean.min.js',
    ];
    const [first, ...rest] = await Promise.all(files.map((f) => readFile(path.join(FIXTURES_ROOT, f), 'utf8')));
    for (const other of rest) expect(other).toBe(first);
  });

  it('reports a busy port instead of hanging', async () => {
    await expect(startFixtureServer({ port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
