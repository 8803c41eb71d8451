import { describe, expect, it } from 'vitest';
import { buildPanelModel } from '../../../lib/panel/rows';
import { axisTicks, barOf, formatOffset, fractionAt, MIN_SPAN_MS, tickStep, timeAxis } from '../../../lib/panel/time-axis';
import { SessionBuilder, demoEvents } from '../support/panel-helpers';

describe('time axis', () => {
  it('spans every row on one scale, with a little room on the right', () => {
    const { builder } = demoEvents();
    const rows = buildPanelModel(builder.events).rows;
    const axis = timeAxis(rows, () => 0);
    const first = rows[0]!.start;
    const last = Math.max(...rows.map((r) => r.end ?? 0));
    expect(axis.start).toBe(first);
    expect(axis.end).toBeGreaterThan(last);
    expect(axis.end - axis.start).toBeCloseTo((last - first) * 1.04, 2);
  });

  it('is at least MIN_SPAN_MS wide, and runs to now while a call is pending', () => {
    const b = new SessionBuilder();
    const call = b.call('pay', { callback: '[function]' });
    const rows = buildPanelModel(b.events).rows;
    expect(timeAxis(rows, () => call.time).end - call.time).toBe(MIN_SPAN_MS);
    const axis = timeAxis(rows, () => call.time + 10_000);
    expect(axis.end).toBeGreaterThanOrEqual(call.time + 10_000);
    const bar = barOf(rows[0]!, axis, () => call.time + 10_000);
    expect(bar.open).toBe(true);
    expect(bar.left).toBe(0);
    expect(bar.width).toBeCloseTo(1 / 1.04, 5);
  });

  it('places bars by start and duration', () => {
    const b = new SessionBuilder();
    const a = b.call('connect', { callback: '[function]' });
    b.callback(a, { status: 'SUCCESS' }, 1000);
    b.at(1000);
    const c = b.call('pay', { callback: '[function]' });
    b.callback(c, { status: 'ERROR' }, 2000);
    const rows = buildPanelModel(b.events).rows;
    const axis = { start: a.time, end: a.time + 4000 };
    expect(barOf(rows[0]!, axis, () => 0)).toEqual({ left: 0, width: 0.25, open: false });
    expect(barOf(rows[1]!, axis, () => 0)).toEqual({ left: 0.5, width: 0.5, open: false });
    expect(fractionAt(axis, a.time - 5)).toBe(0);
    expect(fractionAt(axis, a.time + 99_999)).toBe(1);
  });

  it('puts ticks at round steps with readable labels', () => {
    expect(tickStep(1000, 5)).toBe(200);
    expect(tickStep(60_000, 5)).toBe(15_000);
    expect(axisTicks({ start: 0, end: 1000 }, 5).map((t) => t.label)).toEqual(['200 ms', '400 ms', '600 ms', '800 ms']);
    expect(axisTicks({ start: 0, end: 2050 }, 5).map((t) => t.label)).toEqual(['500 ms', '1 s', '1.5 s']); // 2 s is at the edge
    expect(formatOffset(1500)).toBe('1.5 s');
    expect(formatOffset(2000)).toBe('2 s');
    expect(formatOffset(90_000)).toBe('1 min 30 s');
    expect(formatOffset(3_900_000)).toBe('1 h 5 min');
  });
});
