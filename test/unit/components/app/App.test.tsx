// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, waitFor } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { App } from '../../../../components/app/App';
import { Popup } from '../../../../components/popup/Popup';
import { DEFAULT_FILTERS } from '../../../../lib/panel/filter';
import type { TabSession } from '../../../../lib/protocol';
import { demoEvents, liveSource, SessionBuilder } from '../../support/panel-helpers';

afterEach(cleanup);

function renderApp(session: TabSession | null, now = Date.now()) {
  const sessionSignal = signal(session);
  const connected = signal(true);
  const view = render(
    <App source={liveSource(sessionSignal, { connected })} filters={signal(DEFAULT_FILTERS)} now={signal(now)} copy={async () => true} />,
  );
  return { ...view, session: sessionSignal, connected };
}

describe('SDK status strip', () => {
  it('shows the loader (file, region, when), the hook, the environment and the counts', () => {
    const { builder } = demoEvents();
    const { container } = renderApp(builder.session(), builder.time);
    const text = (id: string) => container.querySelector(`#${id}`)!.textContent!;
    expect(text('status-loader')).toMatch(/lean-link-loader\.min\.js · UAE \(ae\) · at page load, \d\d:\d\d:\d\d\.\d{3}/);
    expect(container.querySelector('#status-loader .mono')!.getAttribute('title')).toBe(
      'https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js',
    );
    expect(text('status-hook')).toContain('hooked');
    expect(text('status-env')).toContain('sandbox');
    expect(text('status-counts')).toBe('Calls 4 · 1 failed · 2 findings (1 error, 1 warning)');
    expect(container.querySelector('#status-loader')!.classList.contains('tone-ok')).toBe(true);
  });

  it('shows session-level findings (a loader inserted after a user action), after the first paint', async () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/').loader({ afterInteraction: true }).sdk();
    b.call('pay', { sandbox: true, callback: '[function]' });
    const { container } = renderApp(b.session(), b.time);
    expect(container.querySelector('#status-loader')!.textContent).toContain('after a user action');
    expect(container.querySelector('#status-loader')!.classList.contains('tone-warn')).toBe(true);
    const details = await waitFor(() => {
      const el = container.querySelector('.session-findings');
      if (!el) throw new Error('no session findings yet');
      return el;
    });
    expect(details.querySelector('summary')!.textContent).toBe('1 session finding');
    expect(details.querySelector('.finding[data-code="loader-late"]')!.textContent).toContain('inserted only after the user interacted');
  });

  it('says why Lean was not hooked', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/').loader().sdk('not-hookable', 'Lean could not be wrapped: frozen');
    const { container } = renderApp(b.session());
    const hook = container.querySelector('#status-hook')!;
    expect(hook.textContent).toContain('not hooked: Lean could not be wrapped: frozen');
    expect(hook.classList.contains('tone-bad')).toBe(true);
  });

  it('on a page without the SDK says so plainly, with what to check, instead of an empty list', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/');
    const { container } = renderApp(b.session());
    const noSdk = container.querySelector('#no-sdk')!;
    expect(noSdk.querySelector('h2')!.textContent).toBe('No Lean SDK on this page');
    expect(noSdk.textContent).toContain('lean-link-loader.min.js');
    expect(noSdk.querySelectorAll('.checks li').length).toBeGreaterThanOrEqual(3);
    expect(container.querySelector('.timeline')).toBeNull();
    expect(container.querySelector('#status-sdk')!.textContent).toContain('No Lean SDK');
  });

  it('keeps earlier documents in view but says the current page has no SDK', () => {
    const { builder } = demoEvents();
    builder.navigate('https://shop.example/thanks');
    const { container } = renderApp(builder.session());
    expect(container.querySelector('.timeline')).not.toBeNull();
    expect(container.querySelector('#status-sdk')!.textContent).toContain('No Lean SDK');
    expect(container.querySelector('.status-details summary')!.textContent).toBe('What to check');
  });
});

describe('live panel', () => {
  it('adds rows as the session grows and updates an answered call in place', async () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/').loader().sdk();
    const { container, session } = renderApp(b.session());
    expect(container.querySelectorAll('.row.call')).toHaveLength(0);
    const call = b.call('connect', { callback: '[function]' });
    await act(() => {
      session.value = b.session();
    });
    expect(container.querySelector('.row.call')!.classList.contains('outcome-pending')).toBe(true);
    b.callback(call, { status: 'CANCELLED' });
    await act(() => {
      session.value = b.session();
    });
    expect(container.querySelector('.row.call')!.classList.contains('outcome-cancelled')).toBe(true);
  });

  it('says it is reconnecting while the background restarts', async () => {
    const { container, connected } = renderApp(new SessionBuilder().session());
    expect(container.querySelector('.status-offline')).toBeNull();
    await act(() => {
      connected.value = false;
    });
    expect(container.querySelector('.status-offline')!.textContent).toBe('reconnecting…');
  });

  it('shows the newest rows of a long session at once, says the earlier ones are loading and holds Export until they are in', async () => {
    const { builder } = demoEvents();
    const { container, session } = renderApp({ ...builder.session(), earlierEvents: 9_750 }, builder.time);
    expect(container.querySelectorAll('.row.call').length).toBeGreaterThan(0);
    expect(container.querySelector('.status-loading')!.textContent).toBe('loading 9,750 earlier events…');
    expect(container.querySelector<HTMLButtonElement>('#export')!.disabled).toBe(true);
    await act(() => {
      session.value = builder.session();
    });
    expect(container.querySelector('.status-loading')).toBeNull();
    expect(container.querySelector<HTMLButtonElement>('#export')!.disabled).toBe(false);
  });

  it('waits for the first snapshot', () => {
    const { container } = renderApp(null);
    expect(container.textContent).toContain('Connecting to the page’s session');
  });

  it('marks page-provided text dir=auto so Arabic reads right to left without breaking the layout', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/').loader().sdk();
    b.call('اتصال', { language: 'ar', customer_name: 'ليلى حسن', callback: '[function]' });
    const { container } = renderApp(b.session());
    expect(container.querySelector('.row.call .row-button')!.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.method-chip')!.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.tab-url')!.getAttribute('dir')).toBe('auto');
  });
});

describe('popup', () => {
  it('summarises the tab and points to the panel', () => {
    let opened = false;
    const { container } = render(
      <Popup summary={{ calls: 4, failedCallbacks: 1, errorFindings: 2, loaderSeen: true }} onOpenPanel={() => (opened = true)} />,
    );
    expect(container.querySelector('#popup-state')!.textContent).toBe('3 problems on this tab');
    expect(container.querySelector('#popup-calls')!.textContent).toBe('4');
    expect(container.querySelector('#popup-failed')!.textContent).toBe('1');
    expect(container.querySelector('#popup-errors')!.textContent).toBe('2');
    expect(container.textContent).toContain('Lean');
    container.querySelector<HTMLButtonElement>('#open-panel')!.click();
    expect(opened).toBe(true);
  });

  it('says when the tab has no Lean activity', () => {
    const { container } = render(<Popup summary={{ calls: 0, failedCallbacks: 0, errorFindings: 0, loaderSeen: false }} onOpenPanel={null} />);
    expect(container.querySelector('#popup-state')!.textContent).toContain('No Lean SDK activity');
    expect(container.querySelector('#open-panel')).toBeNull();
  });
});
