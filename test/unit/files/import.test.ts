import { describe, expect, it, vi } from 'vitest';
import { importFile, importText, MAX_IMPORT_BYTES, READABLE_VERSIONS } from '../../../lib/files/import';
import { toSessionFile } from '../../../lib/files/export';
import type { TabSession } from '../../../lib/protocol';
import { reportCsp, reportEvents } from '../../fixtures/report/session';

const session: TabSession = {
  tabId: 3,
  url: 'https://shop.example/checkout',
  title: 'Checkout',
  events: reportEvents,
  droppedEvents: 4,
  refusedMessages: 0,
  csp: reportCsp,
};
const exported = toSessionFile(session, { extensionVersion: '0.1.0', browser: 'chrome', now: new Date('2026-11-23T18:05:00Z') });
const text = (value: unknown) => JSON.stringify(value);

function refused(input: string, name = 'x.json'): string {
  const result = importText(input, name);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('import: session files', () => {
  it('reads what Export writes, unchanged', () => {
    const result = importText(JSON.stringify(exported, null, 2), 'lean-session.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.session).toMatchObject({ kind: 'session', fileName: 'lean-session.json', version: 1, exportOptions: null, har: null });
    expect(result.session.file).toEqual(exported);
  });

  it('reads a file with a byte-order mark, and fields it does not know (the format allows added fields)', () => {
    const result = importText('\ufeff' + text({ ...exported, note: 'hi', events: [{ ...reportEvents[0], extra: 1 }] }), 'a.json');
    expect(result.ok).toBe(true);
  });

  it('dispatches on version: only version 1 exists today', () => {
    expect(READABLE_VERSIONS).toEqual([1]);
  });
});

describe('import: refused files, each with a message', () => {
  it('malformed JSON', () => {
    expect(refused('{"format": "lean-devtools-session", ', 'broken.json')).toMatch(
      /^“broken\.json” is not valid JSON \(.+\), so it is neither a session file nor a HAR file\.$/,
    );
    expect(refused('', 'empty.json')).toBe('“empty.json” is empty.');
  });

  it('JSON that is not an object', () => {
    expect(refused('[1,2]')).toBe('“x.json” holds a JSON array, not a Lean DevTools session file or a HAR file.');
    expect(refused('null')).toBe('“x.json” holds a JSON null, not a Lean DevTools session file or a HAR file.');
    expect(refused('"hi"')).toBe('“x.json” holds a JSON string, not a Lean DevTools session file or a HAR file.');
  });

  it('another format', () => {
    expect(refused(text({ ...exported, format: 'chrome-devtools-recording' }))).toBe(
      '“x.json” is not a Lean DevTools session file: its format is “chrome-devtools-recording”, not “lean-devtools-session”.',
    );
    expect(refused(text({ name: 'package', version: '1.0.0' }), 'package.json')).toBe(
      '“package.json” is neither a Lean DevTools session file (no "format": "lean-devtools-session") nor a HAR file (no log.entries).',
    );
  });

  it('another version', () => {
    expect(refused(text({ ...exported, version: 2 }))).toBe(
      '“x.json” is a session file of version 2, written by a newer Lean DevTools; this one reads version 1. Update the extension to open it.',
    );
    expect(refused(text({ ...exported, version: '1' }))).toBe('“x.json” has no valid version ("1"); this viewer reads session files of version 1.');
    expect(refused(text({ ...exported, version: undefined }))).toMatch(/has no valid version \(null\)/);
  });

  it('a file the schema rejects, naming where', () => {
    const events = [...reportEvents];
    events[3] = { ...events[3]!, time: 'yesterday' as unknown as number };
    expect(refused(text({ ...exported, events }))).toBe(
      '“x.json” is not a valid session file (version 1): events[3].time: expected number.',
    );
    expect(refused(text({ ...exported, events: [{ ...reportEvents[0], type: 'request' }] }))).toBe(
      '“x.json” is not a valid session file (version 1): events[0].type: not a known type (expected "call", "callback", "call-error", "sdk", "navigation", "loader", "csp-violation").',
    );
    expect(refused(text({ ...exported, droppedEvents: -1 }))).toMatch(/droppedEvents: too short or too small/);
    expect(refused(text({ ...exported, tab: undefined }))).toMatch(/^“x\.json” is not a valid session file \(version 1\): tab: expected object/);
  });

  it('two events with one id', () => {
    expect(refused(text({ ...exported, events: [reportEvents[0], reportEvents[0]] }))).toBe(
      '“x.json” is not a valid session file: the event id “nav1” is used twice.',
    );
  });

  it('a hostile, deeply nested file, without throwing', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const call = text({ ...reportEvents[3], config: '__DEEP__' }).replace('"__DEEP__"', deep);
    const result = importText(`{"format":"lean-devtools-session","version":1,"exportedAt":"x","extension":{"version":"1","browser":"c"},"tab":{"url":"","title":""},"droppedEvents":0,"csp":null,"events":[${call}]}`, 'deep.json');
    // Either JSON.parse or the schema refuses it; nothing throws.
    expect(result.ok).toBe(false);
  });

  it('a file too big to open, before reading it', async () => {
    const text = vi.fn(async () => '{}');
    const result = await importFile({ name: 'huge.json', size: MAX_IMPORT_BYTES + 1, text });
    expect(result).toEqual({ ok: false, error: '“huge.json” is 100.0 MB; the viewer opens files up to 100.0 MB.' });
    expect(text).not.toHaveBeenCalled();
  });
});
