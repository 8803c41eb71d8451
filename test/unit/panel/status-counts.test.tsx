// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StatusStrip } from '../../../components/status/StatusStrip';
import { buildPanelModel } from '../../../lib/panel/rows';
import { sdkStatus } from '../../../lib/panel/status';
import { demoEvents } from '../support/panel-helpers';

const { builder } = demoEvents();
const status = sdkStatus(builder.events, buildPanelModel(builder.events).rows);

describe('status strip counts of what was left out', () => {
  it('shows how many messages the relay refused', () => {
    const { container } = render(<StatusStrip status={status} sessionFindings={[]} droppedEvents={0} refusedMessages={3} />);
    expect(container.querySelector('#status-refused')?.textContent).toContain('3 messages');
  });

  it('says nothing about refusals when there were none', () => {
    const { container } = render(<StatusStrip status={status} sessionFindings={[]} droppedEvents={0} refusedMessages={0} />);
    expect(container.querySelector('#status-refused')).toBeNull();
  });
});
