import { useState } from 'preact/hooks';
import type { ReportSession } from '../../lib/report/build';
import type { ReportContext } from './context';
import { UNKNOWN_REPORT_CONTEXT } from './context';
import type { CopyTextFn } from './ReportDialog';
import { ReportDialog } from './ReportDialog';

interface Props {
  id: string;
  session: ReportSession | null;
  /** The call to report on, or null for the whole session. */
  callId: string | null;
  context?: ReportContext;
  copy: CopyTextFn;
  /** The panel's clock, read when the dialog opens (time-based session rules). */
  rulesNow?: () => number;
  label?: string;
}

/** "Support report": opens the report dialog for one call or the whole session. */
export function ReportButton({ id, session, callId, context = UNKNOWN_REPORT_CONTEXT, copy, rulesNow, label = 'Support report' }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        class="action report-button"
        id={id}
        disabled={!session}
        title={callId === null ? 'A redacted summary of this session to paste into a support ticket' : 'A redacted summary of this call to paste into a support ticket'}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open && session && (
        <ReportDialog session={session} context={context} callId={callId} copy={copy} rulesNow={rulesNow?.()} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
