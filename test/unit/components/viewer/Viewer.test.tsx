// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { signal } from '@preact/signals';
import { Viewer, fileClock } from '../../../../components/viewer/Viewer';
import { App } from '../../../../components/app/App';
import { DEFAULT_FILTERS } from '../../../../lib/panel/filter';
import { liveSource } from '../../support/panel-helpers';
import type { ExportRequest } from '../../../../lib/report/export-shape';
import { toSessionFile } from '../../../../lib/files/export';
import type { TabSession } from '../../../../lib/protocol';
import { downloadJson } from '../../../../lib/panel/download';
import type { LeanFixture } from '../../../../lib/fixtures/format';

// Downloads are recorded, not made (happy-dom has no blob URLs to follow).
vi.mock('../../../../lib/panel/download', async (actual) => ({ ...(await actual<object>()), downloadJson: vi.fn() }));
import { CORRELATION_CHECKOUT, CUSTOMER_NAME, RAW_SECRETS, reportCsp, reportEvents } from '../../../fixtures/report/session';

afterEach(cleanup);

const session: TabSession = {
  tabId: 3,
  url: 'https://shop.example/checkout',
  title: 'Checkout',
  events: reportEvents,
  droppedEvents: 0,
  refusedMessages: 0,
  csp: reportCsp,
};
const exported = toSessionFile(session, { extensionVersion: '0.1.0', browser: 'chrome', now: new Date('2026-11-23T18:05:00Z') });
const HAR_TEXT = readFileSync(path.resolve('test/fixtures/har/lean-flow.har'), 'utf8');

function fileOf(text: string, name: string): File {
  return new File([text], name, { type: 'application/json' });
}

async function pick(container: Element, file: File): Promise<void> {
  const input = container.querySelector<HTMLInputElement>('#import-file')!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    fireEvent.change(input);
  });
}

async function opened(container: Element, file: File): Promise<void> {
  await pick(container, file);
  await waitFor(() => {
    if (!container.querySelector('#viewer-label')) throw new Error('not loaded yet');
  });
  // Let Preact run the effects of the newly mounted panel (they wait for the next frame).
  await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
}

describe('viewer (panel.html without tabId)', () => {
  it('opens a session file read-only, labelled with the file name and when it was exported', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    expect(container.querySelector('h1')!.textContent).toContain('session viewer');
    await opened(container, fileOf(JSON.stringify(exported), 'lean-session-shop.json'));
    expect(container.querySelector('#viewer-file')!.textContent).toBe('lean-session-shop.json');
    expect(container.querySelector('#viewer-exported')!.textContent).toBe('exported 2026-11-23 18:05:00.000 UTC · Lean DevTools 0.1.0 (chrome)');
    expect(container.querySelector('.read-only-tag')!.textContent).toBe('Read-only');
    // Read-only: nothing to clear, export or preserve; the same timeline and status as the live panel.
    expect(container.querySelector('#clear')).toBeNull();
    expect(container.querySelector('#export')).toBeNull();
    expect(container.querySelector('#preserve-log')).toBeNull();
    expect(container.textContent).not.toContain('Preserve log');
    expect(container.querySelector('#viewer-left-out')!.textContent).toBe('Export options not recorded: the file may lack filtered rows or personal data');
    expect(container.querySelectorAll('.row.call')).toHaveLength(3);
    expect(container.querySelector('.row.call.outcome-error')!.textContent).toContain(CORRELATION_CHECKOUT);
    expect(container.querySelector('#tab-csp')!.textContent).toBe('CSP (2 blocked)');
    expect(container.querySelector('#report-session')).not.toBeNull();
  });

  it('names the opened file as the source of a fixture exported from it', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await opened(container, fileOf(JSON.stringify(exported), 'lean-session-shop.json'));
    fireEvent.click(container.querySelector('#export-fixture')!);
    const fixture = vi.mocked(downloadJson).mock.lastCall![0] as LeanFixture;
    expect(fixture.source.name).toBe('lean-session-shop.json');
  });

  it('says what an exported file left out: filtered-out rows, personal data, dropped events', async () => {
    const shaped = (exportOptions: object, droppedEvents = 0) => fileOf(JSON.stringify({ ...exported, droppedEvents, exportOptions }), 'shaped.json');
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    const note = () => container.querySelector('#viewer-left-out')!.textContent;
    await opened(container, shaped({ onlyFilteredRows: true, personalData: 'left-out' }, 250));
    expect(note()).toBe(
      'Left out: the rows the exporter’s filters hid; personal data (customer name, risk_details, end-user fields); 250 events the recorder’s size cap dropped',
    );
    await opened(container, shaped({ onlyFilteredRows: false, personalData: 'included' }));
    await waitFor(() => expect(note()).toBe('Nothing left out: includes personal data'));
    await opened(container, shaped({ onlyFilteredRows: false, personalData: 'left-out' }));
    await waitFor(() => expect(note()).toBe('Left out: personal data (customer name, risk_details, end-user fields)'));
  });

  it('refuses malformed and foreign files with a message, and keeps what was open', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await pick(container, fileOf('{not json', 'broken.json'));
    await waitFor(() => expect(container.querySelector('#import-error')!.textContent).toContain('“broken.json” is not valid JSON'));
    expect(container.querySelector('#viewer-label')).toBeNull();

    await opened(container, fileOf(JSON.stringify(exported), 'good.json'));
    expect(container.querySelector('#import-error')).toBeNull();
    await pick(container, fileOf(JSON.stringify({ ...exported, version: 9 }), 'future.json'));
    await waitFor(() => expect(container.querySelector('[role="alert"]')!.textContent).toContain('version 9, written by a newer Lean DevTools'));
    expect(container.querySelector('#viewer-file')!.textContent).toBe('good.json');
    expect(container.querySelectorAll('.row.call')).toHaveLength(3);
  });

  it('opens a dropped file and never lets the browser navigate to it', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [fileOf(JSON.stringify(exported), 'dropped.json')], types: ['Files'] } });
    await act(async () => {
      window.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    await waitFor(() => expect(container.querySelector('#viewer-file')!.textContent).toBe('dropped.json'));
  });

  it('renders everything from the file as text, never as HTML', async () => {
    const hostile = {
      ...exported,
      tab: { url: 'https://shop.example/<img src=x onerror=alert(1)>', title: '<script>alert(1)</script>' },
      events: reportEvents.map((e) =>
        e.type === 'call' && e.id === 'call1' ? { ...e, method: '<img src=x onerror=alert(2)>', config: { html: '<b>bold</b><iframe src="javascript:alert(3)">' } } : e,
      ),
    };
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await opened(container, fileOf(JSON.stringify(hostile), '<b>file</b>.json'));
    expect(container.querySelector('img, script, iframe, b')).toBeNull();
    expect(container.querySelector('#viewer-file')!.textContent).toBe('<b>file</b>.json');
    expect(container.textContent).toContain('<img src=x onerror=alert(2)>');
  });

  it('shows a HAR file’s Lean requests on the timeline', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await opened(container, fileOf(HAR_TEXT, 'lean-flow.har'));
    expect(container.querySelector('#viewer-exported')!.textContent).toContain('HAR from WebInspector 537.36 · 5 Lean requests of 8');
    const rows = [...container.querySelectorAll('.row.call')].map((r) => r.querySelector('.row-button')!.textContent);
    expect(rows).toEqual(['GET cdn.leantech.me', 'POST link.sandbox.leantech.me', 'GET images.sandbox.leantech.me', 'POST link.sandbox.leantech.me', 'POST apm.ae01.leantech.me']);
    expect(container.querySelectorAll('.row.call.outcome-error')).toHaveLength(2);
    expect(container.querySelector('.row.event.event-loader')).not.toBeNull();
  });

  it('lands on a call when its correlation ID (or part of it) is typed in the search', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await opened(container, fileOf(JSON.stringify(exported), 'good.json'));
    const search = container.querySelector<HTMLInputElement>('#filter-text')!;
    await act(async () => {
      fireEvent.input(search, { target: { value: CORRELATION_CHECKOUT.slice(9, 23) } });
    });
    await waitFor(() => expect(container.querySelector('.detail')!.getAttribute('data-call-id')).toBe('call2'));
    expect(container.querySelector('.row.selected')!.getAttribute('data-key')).toBe('call2');
    expect(container.querySelector('#copy-correlation')).not.toBeNull();
    expect(container.querySelector('#report-call')).not.toBeNull();
  });

  it('puts a correlation ID pasted anywhere into the search, and lands on its call', async () => {
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" />);
    await opened(container, fileOf(JSON.stringify(exported), 'good.json'));
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
    Object.defineProperty(paste, 'clipboardData', { value: { getData: () => `  ${CORRELATION_CHECKOUT}\n` } });
    await act(async () => {
      document.body.dispatchEvent(paste);
    });
    expect(paste.defaultPrevented).toBe(true);
    expect(container.querySelector<HTMLInputElement>('#filter-text')!.value).toBe(CORRELATION_CHECKOUT);
    await waitFor(() => expect(container.querySelector('.detail')!.getAttribute('data-call-id')).toBe('call2'));
  });

  it('makes a support report of the file: secrets never, personal data only with the box', async () => {
    const copy = vi.fn(async (_text: string) => true);
    const { container } = render(<Viewer generator="Lean DevTools 0.1.0" copy={copy} />);
    await opened(container, fileOf(JSON.stringify({ ...exported, tab: { ...exported.tab, title: `Checkout for ${CUSTOMER_NAME}` } }), 'good.json'));
    await act(async () => {
      fireEvent.click(container.querySelector('#report-session')!);
    });
    const text = () => container.querySelector<HTMLTextAreaElement>('#report-text')!.value;
    expect(text()).toContain('# Lean support report: session on shop.example');
    expect(text()).toContain('session file `good.json`, exported 2026-11-23 18:05:00.000 UTC');
    expect(text()).not.toContain(CUSTOMER_NAME);
    for (const secret of RAW_SECRETS) expect(text()).not.toContain(secret);
    await act(async () => {
      fireEvent.click(container.querySelector('#report-personal')!);
    });
    expect(text()).toContain(CUSTOMER_NAME);
    for (const secret of RAW_SECRETS) expect(text()).not.toContain(secret);
    await act(async () => {
      fireEvent.click(container.querySelector('#report-copy')!);
    });
    expect(copy).toHaveBeenCalledWith(text());
    await act(async () => {
      fireEvent.keyDown(container.querySelector('#report-dialog')!, { key: 'Escape' });
    });
    expect(container.querySelector('#report-dialog')).toBeNull();
  });

  it('runs the file’s clock to its export time, not to today', () => {
    const last = Math.max(...reportEvents.map((e) => e.time));
    expect(fileClock(exported, 'session')).toBe(Date.parse('2026-11-23T18:05:00Z'));
    expect(fileClock({ ...exported, exportedAt: '2030-01-01T00:00:00Z' }, 'session')).toBe(last + 10 * 60 * 1000);
    expect(fileClock({ ...exported, exportedAt: 'garbage' }, 'session')).toBe(last);
  });
});

describe('live panel: support triage', () => {
  function renderLive(onExport: (request: ExportRequest) => void) {
    return render(
      <App
        source={liveSource(signal(session), { onExport })}
        filters={signal({ ...DEFAULT_FILTERS, text: 'INVALID_CREDENTIALS' })}
        now={signal(Date.parse('2026-11-23T18:05:00Z'))}
        copy={async () => true}
      />,
    );
  }

  it('exports with personal data left out by default, and only the filtered rows when asked', async () => {
    const onExport = vi.fn();
    const { container } = renderLive(onExport);
    expect(container.querySelector<HTMLInputElement>('#export-personal')!.checked).toBe(false);
    fireEvent.click(container.querySelector('#export')!);
    expect(onExport).toHaveBeenLastCalledWith({ rowKeys: null, personalData: false });
    await act(async () => {
      fireEvent.click(container.querySelector('#export-filtered')!);
      fireEvent.click(container.querySelector('#export-personal')!);
    });
    fireEvent.click(container.querySelector('#export')!);
    expect(onExport).toHaveBeenLastCalledWith({ rowKeys: ['nav1', 'call2'], personalData: true });
  });

  it('has a support report for the session in the toolbar and for the opened call', async () => {
    const { container } = renderLive(() => {});
    await act(async () => {
      fireEvent.click(container.querySelector('.row.call .row-button')!);
    });
    await act(async () => {
      fireEvent.click(container.querySelector('#report-call')!);
    });
    const text = container.querySelector<HTMLTextAreaElement>('#report-text')!.value;
    expect(text).toContain('# Lean support report: Lean.checkout, ERROR');
    expect(text).toContain('- **Source:** the live panel');
    await act(async () => {
      fireEvent.click(container.querySelector('#report-scope-session')!);
    });
    expect(container.querySelector<HTMLTextAreaElement>('#report-text')!.value).toContain('# Lean support report: session on shop.example');
  });

  it('gives every correlation ID of a call a copy button when its callbacks carried several', async () => {
    const second = { type: 'callback' as const, id: 'cb2b', time: Date.parse('2026-11-23T18:00:10Z'), frameUrl: session.url, callId: 'call2', data: { status: 'ERROR', lean_correlation_id: 'second-corr-id-9999' }, durationMs: 5000 };
    const copy = vi.fn(async (_text: string) => true);
    const { container } = render(
      <App
        source={liveSource(signal({ ...session, events: [...reportEvents, second] }))}
        filters={signal(DEFAULT_FILTERS)}
        now={signal(Date.parse('2026-11-23T18:05:00Z'))}
        copy={copy}
      />,
    );
    await act(async () => {
      fireEvent.click(container.querySelector('.row-button[data-call-id="call2"]')!);
    });
    const buttons = container.querySelectorAll<HTMLButtonElement>('[data-copy-correlation]');
    expect([...buttons].map((b) => b.getAttribute('aria-label'))).toEqual([`Copy correlation ID ${CORRELATION_CHECKOUT}`, 'Copy correlation ID second-corr-id-9999']);
    await act(async () => {
      fireEvent.click(buttons[0]!);
    });
    expect(copy).toHaveBeenCalledWith(CORRELATION_CHECKOUT);
  });
});
