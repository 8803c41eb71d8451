// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { OutcomeCoverage } from '../../../../components/status/OutcomeCoverage';
import { unmetStatuses } from '../../../../lib/panel/coverage';
import { call, callback } from '../../support/events';

afterEach(cleanup);

/** Opens it as a user does: the element opens, then fires `toggle`. */
async function open(view: { container: Element }): Promise<HTMLDetailsElement> {
  const details = view.container.querySelector<HTMLDetailsElement>('#outcome-coverage')!;
  await waitFor(() => {
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(details.querySelector('table')).not.toBeNull();
  });
  return details;
}

describe('panel: outcome coverage', () => {
  it('lists per method the outcomes met, real and overridden, and the documented statuses not met yet', async () => {
    const pay = call({ method: 'pay' });
    const again = call({ method: 'pay' });
    const view = render(
      <OutcomeCoverage
        events={[
          pay,
          callback(pay.id, { status: 'SUCCESS' }),
          again,
          callback(again.id, { status: 'SUCCESS' }, { override: { outcome: 'CANCELLED', delivered: { status: 'CANCELLED' }, fromSdk: true } }),
        ]}
      />,
    );
    const rows = [...(await open(view)).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([['pay', '2', 'SUCCESS', 'CANCELLED', 'ERROR, REDIRECT, LINK_CLOSED_PROGRAMMATICALLY', '0']]);
  });

  it('computes nothing while closed', () => {
    const view = render(<OutcomeCoverage events={[call({ method: 'pay' })]} />);
    expect(view.container.querySelector('table')).toBeNull();
  });

  it('counts a status met with any secondary status as met', () => {
    expect(unmetStatuses({ real: ['ERROR:INVALID_CREDENTIALS'], overridden: [] })).not.toContain('ERROR');
  });
});
