import { describe, expect, it } from 'vitest';
import type { RelayEnvelope } from '../../../lib/audit/page-channel';
import { MAX_OTHER_EVENTS, SessionRecorder } from '../../../lib/audit/session-recorder';
import type { SessionEvent } from '../../../lib/model/types';
import type { RelayMessage } from '../../../lib/protocol';
import { call, callback } from '../support/events';

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
    recorder.documentResponse(URL_A, 200, [{ name: 'Content-Security-Policy', value: "script-src 'self'" }]);
    recorder.relayMessage(envelope(1, { kind: 'document-start', url: URL_A, time: 1 }));
    recorder.relayMessage(envelope(2, { kind: 'meta-csp', policies: [{ source: 'meta', disposition: 'enforce', text: "img-src 'self'" }] }));
    const { csp } = await recorder.session();
    expect(csp?.policies).toEqual([
      { source: 'header', disposition: 'enforce', text: "script-src 'self'" },
      { source: 'meta', disposition: 'enforce', text: "img-src 'self'" },
    ]);
  });

  it('ignores the headers of a redirect answer', async () => {
    const recorder = new SessionRecorder();
    recorder.documentResponse(URL_A, 302, [{ name: 'Content-Security-Policy', value: "default-src 'none'" }]);
    recorder.relayMessage(envelope(1, { kind: 'document-start', url: URL_A, time: 1 }));
    expect((await recorder.session()).csp).toBeNull();
  });

  it('never gives up a Lean call or callback to a storm of CSP violations: the violations past the cap are dropped, counted by cause', async () => {
    const recorder = new SessionRecorder();
    const connect = call({ method: 'connect', config: { app_token: 'x' }, findings: [] });
    recorder.relayMessage(envelope(1, { kind: 'events', events: [connect, callback(connect.id, { status: 'ERROR' })], dropped: 0, refused: 0 }));
    // 3,000 violations of ~3.4 KB: 10 MB, past the session's 6 MB, within one frame's burst.
    const total = 3_000;
    for (let batch = 0; batch < total / 500; batch++) {
      const storm = Array.from({ length: 500 }, (_, k): SessionEvent => ({
        type: 'csp-violation',
        id: `v${batch}-${k}`,
        time: 10 + k,
        frameUrl: URL_A,
        blockedURI: `https://ads.example/${'x'.repeat(3_300)}`,
        effectiveDirective: 'img-src',
        disposition: 'enforce',
        sourceFile: URL_A,
        lineNumber: 1,
      }));
      recorder.relayMessage(envelope(2, { kind: 'events', events: storm, dropped: 0, refused: 0 }));
    }
    const session = await recorder.session();
    expect(session.events.filter((e) => e.type === 'call').map((e) => e.id)).toEqual([connect.id]);
    expect(session.events.some((e) => e.type === 'callback')).toBe(true);
    const losses = recorder.losses(session);
    expect(losses.droppedOtherKinds).toBeGreaterThanOrEqual(total - MAX_OTHER_EVENTS);
    expect(losses).toMatchObject({ droppedInPage: 0, droppedBySession: 0, refusedMessages: 0, unappliedMessages: 0 });
    expect(session.droppedEvents).toBe(losses.droppedOtherKinds);
  });

  it('tells drops the page reported from drops of its own', async () => {
    const recorder = new SessionRecorder();
    recorder.relayMessage(envelope(1, { kind: 'events', events: [call()], dropped: 7, refused: 2 }));
    const session = await recorder.session();
    expect(recorder.losses(session)).toEqual({ droppedInPage: 7, droppedOtherKinds: 0, droppedBySession: 0, refusedMessages: 2, unappliedMessages: 0 });
  });
});
