import { describe, expect, it } from 'vitest';
import { outcomeCoverage } from '../../../lib/model/outcome-coverage';
import { call, callback } from '../support/events';

describe('outcome coverage', () => {
  it('lists per method what the SDK answered and what overrides made the page get, apart', () => {
    const pay1 = call({ method: 'pay' });
    const pay2 = call({ method: 'pay' });
    const connect = call({ method: 'connect' });
    const rows = outcomeCoverage([
      pay1,
      callback(pay1.id, { status: 'SUCCESS' }),
      pay2,
      callback(pay2.id, { status: 'SUCCESS' }, {
        override: { outcome: 'ERROR:INVALID_CREDENTIALS', delivered: { status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS' }, fromSdk: true },
      }),
      connect,
      callback(connect.id, { status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS' }),
    ]);
    expect(rows).toEqual([
      { method: 'pay', calls: 2, real: ['SUCCESS'], overridden: ['ERROR:INVALID_CREDENTIALS'], unanswered: 0 },
      { method: 'connect', calls: 1, real: ['ERROR:INVALID_CREDENTIALS'], overridden: [], unanswered: 0 },
    ]);
  });

  it('counts a call whose callback never came, or was withheld by "none", as unanswered', () => {
    const silent = call({ method: 'pay' });
    const withheld = call({ method: 'pay' });
    const rows = outcomeCoverage([
      silent,
      withheld,
      callback(withheld.id, { status: 'CANCELLED' }, { override: { outcome: 'none', delivered: null, fromSdk: true } }),
    ]);
    expect(rows).toEqual([{ method: 'pay', calls: 2, real: ['CANCELLED'], overridden: ['none'], unanswered: 2 }]);
  });

  it('does not take a timed delivery’s empty data for an SDK answer', () => {
    const pay = call({ method: 'pay' });
    const rows = outcomeCoverage([
      pay,
      callback(pay.id, null, { override: { outcome: 'CANCELLED@2s', delivered: { status: 'CANCELLED' }, fromSdk: false } }),
    ]);
    expect(rows).toEqual([{ method: 'pay', calls: 1, real: [], overridden: ['CANCELLED'], unanswered: 0 }]);
  });
});
