import { useCopyFeedback } from '../common/useCopyFeedback';
import type { CallRow } from '../../lib/model/pairing';
import type { ReportSession } from '../../lib/report/build';
import { correlationIdsOf } from '../../lib/report/correlation';
import type { ReportContext } from './context';
import type { CopyTextFn } from './ReportDialog';
import { ReportButton } from './ReportButton';
import { CopyReportButton } from './CopyReportButton';

function CopyId({ id, index, copy }: { id: string; index: number; copy: CopyTextFn }) {
  const feedback = useCopyFeedback(copy);
  return (
    <span class="triage-id">
      <code dir="auto">{id}</code>
      <button
        type="button"
        class="action copy-id"
        data-copy-correlation={index}
        aria-label={`Copy correlation ID ${id}`}
        onClick={() => feedback.copyText(id)}
      >
        {feedback.label('Copy')}
      </button>
    </span>
  );
}

interface Props {
  row: CallRow;
  session: ReportSession | null;
  context?: ReportContext;
  copy: CopyTextFn;
  rulesNow?: () => number;
}

/**
 * Above an opened call: the support report for it (the dialog, or copied at once), and a copy button for each correlation ID
 * when its callbacks carried more than one (the detail's own button copies the latest).
 */
export function CallTriage({ row, session, context, copy, rulesNow }: Props) {
  const ids = correlationIdsOf(row);
  return (
    <div class="detail-report">
      {ids.length > 1 && (
        <fieldset class="triage-ids" aria-label="Correlation IDs of this call's callbacks">
          <span class="muted">Correlation IDs</span>
          {ids.map((id, i) => (
            <CopyId key={id} id={id} index={i} copy={copy} />
          ))}
        </fieldset>
      )}
      <ReportButton id="report-call" session={session} callId={row.call.id} context={context} copy={copy} rulesNow={rulesNow} label="Support report for this call" />
      <CopyReportButton id="copy-report-call" session={session} callIds={[row.call.id]} context={context} copy={copy} rulesNow={rulesNow} />
    </div>
  );
}
