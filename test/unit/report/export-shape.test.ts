import { describe, expect, it } from 'vitest';
import { eventsOfRows, shapeExport } from '../../../lib/report/export-shape';
import { isPersonalKey, leaveOutPersonal, PERSONAL_MARKER, scrubValues } from '../../../lib/privacy/personal';
import { buildPanelModel } from '../../../lib/panel/rows';
import { filterRows, DEFAULT_FILTERS } from '../../../lib/panel/filter';
import { sessionFileSchema } from '../../../lib/files/schema';
import { importText } from '../../../lib/files/import';
import type { SessionFile } from '../../../lib/model/types';
import { CUSTOMER_NAME, PERSONAL_VALUES, reportCsp, reportEvents } from '../../fixtures/report/session';

function file(): SessionFile {
  return {
    format: 'lean-devtools-session',
    version: 1,
    exportedAt: '2026-11-23T18:05:00.000Z',
    extension: { version: '0.1.0', browser: 'chrome' },
    tab: { url: 'https://shop.example/checkout', title: `Checkout for ${CUSTOMER_NAME}` },
    events: reportEvents,
    droppedEvents: 2,
    csp: reportCsp,
  };
}

describe('export: only the filtered rows', () => {
  it('keeps each shown call with its callbacks, and the file stays valid', () => {
    const model = buildPanelModel(reportEvents);
    const shown = filterRows(model, { ...DEFAULT_FILTERS, text: 'INVALID_CREDENTIALS' });
    expect(shown.map((r) => r.key)).toEqual(['nav1', 'call2']);
    const shaped = shapeExport(file(), { rowKeys: shown.map((r) => r.key), personalData: true });
    expect(shaped.events.map((e) => e.id)).toEqual(['nav1', 'call2', 'cb2']);
    expect(shaped.exportOptions).toEqual({ onlyFilteredRows: true, personalData: 'included' });
    expect(sessionFileSchema.safeParse(shaped).success).toBe(true);
    // The viewer reads it back, and says what was left out.
    const back = importText(JSON.stringify(shaped), 'f.json');
    expect(back.ok && back.session.exportOptions).toEqual({ onlyFilteredRows: true, personalData: 'included' });
    expect(back.ok && back.session.file.droppedEvents).toBe(2);
  });

  it('keeps a thrown error with its call', () => {
    const events = [
      ...reportEvents,
      { type: 'call-error' as const, id: 'err1', time: 1, frameUrl: 'https://shop.example/', callId: 'call3', message: 'boom' },
    ];
    expect(eventsOfRows(events, ['call3']).map((e) => e.id)).toEqual(['call3', 'err1']);
  });

  it('exports everything when no filter is chosen', () => {
    expect(shapeExport(file(), { rowKeys: null, personalData: true }).events).toBe(reportEvents);
  });
});

describe('export: personal data', () => {
  it('is left out by default: fields become a marker, their values leave titles and messages', () => {
    const shaped = shapeExport(file(), { rowKeys: null, personalData: false });
    const text = JSON.stringify(shaped);
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
    const checkout = shaped.events.find((e) => e.id === 'call2');
    expect(checkout?.type === 'call' && checkout.config).toMatchObject({
      customer_name: PERSONAL_MARKER,
      risk_details: PERSONAL_MARKER,
      end_user_id: PERSONAL_MARKER,
      payment_intent_id: '7991cfc5-d43a-4a69-9858-a40ce05e9178',
    });
    expect(shaped.tab.title).toBe(`Checkout for ${PERSONAL_MARKER}`);
    expect(shaped.exportOptions.personalData).toBe('left-out');
    expect(sessionFileSchema.safeParse(shaped).success).toBe(true);
    // Findings computed at record time stay (nothing diagnostic is lost).
    expect(checkout?.type === 'call' && checkout.findings.map((f) => f.code)).toEqual(['token-in-source', 'sandbox-string', 'invalid-color']);
  });

  it('is kept when chosen', () => {
    const text = JSON.stringify(shapeExport(file(), { rowKeys: null, personalData: true }));
    for (const value of PERSONAL_VALUES) expect(text).toContain(value);
  });

  it('knows which keys are personal, and which are the integration’s', () => {
    for (const key of ['customer_name', 'risk_details', 'end_user_id', 'customer_metadata', 'email', 'debtor_name', 'phoneNumber', 'device_id', 'date_of_birth']) {
      expect(isPersonalKey(key), key).toBe(true);
    }
    for (const key of ['customer_id', 'bank_identifier', 'lean_correlation_id', 'payment_intent_id', 'bank_name', 'app_token', 'status', 'Location']) {
      expect(isPersonalKey(key), key).toBe(false);
    }
  });

  it('leaves structure alone where there is nothing personal, and keeps __proto__ keys as data', () => {
    const value = { a: { b: [1, 'x'] } };
    expect(leaveOutPersonal(value)).toBe(value);
    const hostile = JSON.parse('{"__proto__": {"customer_name": "Eve"}, "x": 1}');
    const out = leaveOutPersonal(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"customer_name":"[personal data left out]"},"x":1}');
  });

  it('scrubs whole words only', () => {
    expect(scrubValues('Sam sent a Sample to Sam.', ['Sam'], '[x]')).toBe('[x] sent a Sample to [x].');
    expect(scrubValues('ليلى حسن دفعت', ['ليلى حسن'], '[x]')).toBe('[x] دفعت');
  });
});
