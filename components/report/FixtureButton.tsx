import { useState } from 'preact/hooks';
import type { TabSession } from '../../lib/protocol';
import { generateFixture } from '../../lib/fixtures/generate';
import { fixtureFileName } from '../../lib/fixtures/format';
import { downloadJson } from '../../lib/panel/download';
import { eventsOfRows } from '../../lib/report/export-shape';

interface Props {
  session: Pick<TabSession, 'events' | 'url'> | null;
  /** The keys of the rows to take, or null for all of them (the same choice as Export's). */
  rowKeys: () => readonly string[] | null;
  /** The viewer's file name, when the session came from a file. */
  fileName?: string;
}

/**
 * "Export as fixture": the answered calls of the session (or of the filtered rows) as a
 * `*.lean-fixture.json` an integrator replays in their own tests (docs/fixture-format.md).
 */
export function FixtureButton({ session, rowKeys, fileName }: Props) {
  const [status, setStatus] = useState('');
  const exportFixture = () => {
    if (!session) return;
    const keys = rowKeys();
    const now = new Date();
    const result = generateFixture(
      { events: keys ? eventsOfRows(session.events, keys) : session.events, tab: { url: session.url }, exportedAt: null },
      { sourceName: fileName ?? session.url, sourceKind: 'session', now },
    );
    if (result.answers === 0) {
      setStatus('No answered Lean call to make a fixture from.');
      return;
    }
    setStatus('');
    downloadJson(result.fixture, fixtureFileName(session.url, now));
  };
  return (
    <>
      <button
        type="button"
        id="export-fixture"
        onClick={exportFixture}
        disabled={!session}
        title="Download the answered calls as a fixture to replay Lean’s callbacks in your own tests (redacted)"
      >
        Export as fixture
      </button>
      {status && (
        <span class="fixture-status" role="status">
          {status}
        </span>
      )}
    </>
  );
}
