import { describe, expect, it } from 'vitest';
import type { RelayEnvelope } from '../../../lib/audit/page-channel';
import { SessionRecorder } from '../../../lib/audit/session-recorder';
import type { RelayMessage } from '../../../lib/protocol';
import { call } from '../support/events';

const URL_A = 'http://localhost:3000/checkout';
const envelope = (sentAt: number, message: RelayMessage) => JSON.stringify({ sentAt, message } satisfies RelayEnvelope);

describe('audit session recorder (the extension’s relay handler and store, fed by CDP)', () => {
  it('stamps a navigation with the time its document started, not the time Node handled it', async () => {
    const recorder = new SessionRecorder(() => 90_000);
    recorder.relayMessage(envelope(6_000, { kind: 'document-start', url: URL_A, time: 5_000 }));
    const session = await recorder.session();
    expect(session.events).toEqual([expect.objectContaining({ type: 'navigation', url: URL_A, time: 5_000 })]);
    expect(session.url).toBe(URL_A);
  });

  it('computes each call’s findings as it is stored', async () => {
    const recorder = new SessionRecorder();
    const connect = call({ method: 'connect', config: { app_token: 'x', callback: '[function callback]' }, findings: [] });
    recorder.relayMessage(envelope(1, { kind: 'events', events: [connect], dropped: 0, refused: 0 }));
    const [stored] = (await recorder.session()).events;
    expect(stored?.type === 'call' && stored.findings.map((f) => f.code)).toContain('missing-required');
  });

  it('applies a document’s CSP headers before the messages that arrive after its response, and adds its <meta> policies', async () => {
    const recorder = new SessionRecorder();
    let answer: (headers: Array<{ name: string; value: string }>) => void = () => undefined;
    recorder.documentResponse(URL_A, 200, new Promise((resolve) => (answer = resolve)));
    recorder.relayMessage(envelope(1, { kind: 'document-start', url: URL_A, time: 1 }));
    recorder.relayMessage(envelope(2, { kind: 'meta-csp', policies: [{ source: 'meta', disposition: 'enforce', text: "img-src 'self'" }] }));
    answer([{ name: 'Content-Security-Policy', value: "script-src 'self'" }]);
    const { csp } = await recorder.session();
    expect(csp?.policies).toEqual([
      { source: 'header', disposition: 'enforce', text: "script-src 'self'" },
      { source: 'meta', disposition: 'enforce', text: "img-src 'self'" },
    ]);
  });

  it('ignores the headers of a redirect answer', async () => {
    const recorder = new SessionRecorder();
    recorder.documentResponse(URL_A, 302, Promise.resolve([{ name: 'Content-Security-Policy', value: "default-src 'none'" }]));
    recorder.relayMessage(envelope(1, { kind: 'document-start', url: URL_A, time: 1 }));
    expect((await recorder.session()).csp).toBeNull();
  });
});
