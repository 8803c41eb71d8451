import { buildSelectionReport } from '../../lib/report/build';
import type { ReportSession } from '../../lib/report/build';
import type { ReportContext } from './context';
import { UNKNOWN_REPORT_CONTEXT } from './context';
import type { CopyTextFn } from './ReportDialog';
import { useCopyFeedback } from '../common/useCopyFeedback';

interface Props {
  id: string;
  session: ReportSession | null;
  /** The calls to report on, in session order. */
  callIds: readonly string[];
  context?: ReportContext;
  copy: CopyTextFn;
  /** The panel's clock, read when copying (time-based session rules). */
  rulesNow?: () => number;
  now?: () => number;
}

/**
 * "Copy as support report": the report on the selected call(s) straight to the clipboard,
 * secrets redacted and personal data left out (the Support report dialog offers the choice).
 */
export function CopyReportButton({ id, session, callIds, context = UNKNOWN_REPORT_CONTEXT, copy, rulesNow, now = Date.now }: Props) {
  const feedback = useCopyFeedback(copy);
  const report = (): string => {
    const at = now();
    return buildSelectionReport(
      { session: session!, callIds, recordedWith: context.recordedWith, source: context.source, generator: context.generator, now: at, rulesNow: rulesNow?.() ?? at },
      { includePersonalData: false },
    );
  };

  const what = callIds.length === 1 ? 'this call' : `these ${callIds.length} calls`;
  return (
    <button
      type="button"
      class="action copy-report"
      id={id}
      disabled={!session || callIds.length === 0}
      title={`Copy a redacted support report on ${what} (personal data left out)`}
      onClick={() => session && feedback.copyText(report)}
    >
      <span aria-live="polite">{feedback.label('Copy as support report')}</span>
    </button>
  );
}
