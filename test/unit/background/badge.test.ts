import { describe, expect, it } from 'vitest';
import { BADGE_COLOR, badgeText, createBadgeUpdater, tabSummary } from '../../../lib/background/badge';
import { SessionBuilder, demoEvents, finding } from '../support/panel-helpers';

describe('toolbar badge', () => {
  it('counts error findings and failed callbacks (ERROR or a throw)', () => {
    const b = new SessionBuilder();
    b.loader();
    const a = b.call('pay', { callback: '[function]' }, [finding('error', 'a'), finding('error', 'b'), finding('warning', 'c')]);
    b.callback(a, { status: 'ERROR' });
    const c = b.call('connect', { callback: '[function]' });
    b.events.push({ type: 'call-error', id: 'e1', time: c.time, frameUrl: c.frameUrl, callId: c.id, message: 'TypeError' });
    const d = b.call('connect', { callback: '[function]' });
    b.callback(d, { status: 'CANCELLED' });
    const summary = tabSummary({ events: b.events }, b.time);
    expect(summary).toEqual({ calls: 3, failedCallbacks: 2, errorFindings: 2, loaderSeen: true });
    expect(badgeText(summary)).toBe('4');
  });

  it('hides the badge when nothing failed, and caps it', () => {
    expect(badgeText({ calls: 3, failedCallbacks: 0, errorFindings: 0, loaderSeen: true })).toBe('');
    expect(badgeText({ calls: 3, failedCallbacks: 600, errorFindings: 600, loaderSeen: true })).toBe('999+');
    expect(tabSummary({ events: [] }, 0)).toEqual({ calls: 0, failedCallbacks: 0, errorFindings: 0, loaderSeen: false });
  });

  it('updates the tab’s badge once per burst of changes, and after a panel’s Clear', async () => {
    const timers: (() => void)[] = [];
    const calls: unknown[] = [];
    let events = demoEvents().builder.events;
    const badge = createBadgeUpdater({
      session: async () => ({ events }),
      clock: () => 0,
      setTimer: (fn) => timers.push(fn),
      action: {
        setBadgeText: (d) => void calls.push(['text', d]),
        setBadgeBackgroundColor: (d) => void calls.push(['color', d]),
      },
    });
    badge.changed(3);
    badge.changed(3);
    expect(timers).toHaveLength(1);
    await badge.flush(3);
    expect(calls).toEqual([
      ['color', { tabId: 3, color: BADGE_COLOR }],
      ['text', { tabId: 3, text: '2' }], // the pay call: one error finding + its ERROR callback
    ]);

    let listener: (m: unknown) => void = () => {};
    badge.watchPort({ onMessage: { addListener: (l) => (listener = l) } });
    listener({ kind: 'clear' }); // before subscribe: no tab yet
    expect(timers).toHaveLength(1);
    listener({ kind: 'subscribe', tabId: 3 });
    events = [];
    listener({ kind: 'clear' });
    expect(timers).toHaveLength(2);
    await badge.flush(3);
    expect(calls.at(-1)).toEqual(['text', { tabId: 3, text: '' }]);
    expect(await badge.summary(3)).toMatchObject({ calls: 0 });
  });

  it('survives a tab that closed before the update', async () => {
    const badge = createBadgeUpdater({
      session: async () => ({ events: [] }),
      clock: () => 0,
      action: {
        setBadgeText: () => Promise.reject(new Error('No tab with id: 3')),
        setBadgeBackgroundColor: () => undefined,
      },
    });
    await expect(badge.flush(3)).resolves.toBeUndefined();
  });
});
