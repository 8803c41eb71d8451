import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useCopyFeedback } from '../common/useCopyFeedback';
import { buildSupportReport, reportFileName } from '../../lib/report/build';
import type { ReportSession } from '../../lib/report/build';
import type { CallEvent } from '../../lib/model/types';
import { downloadText } from '../../lib/panel/download';

import type { ReportContext } from './context';
import './report.css';

const downloadMarkdown = (text: string, fileName: string) => downloadText(text, fileName, 'text/markdown;charset=utf-8');

export type CopyTextFn = (text: string) => Promise<boolean>;

interface Props {
  session: ReportSession;
  context: ReportContext;
  /** The call the dialog was opened for, or null (whole session). */
  callId: string | null;
  copy: CopyTextFn;
  onClose(): void;
  /** The panel's clock, for time-based session rules. */
  rulesNow?: number;
  download?: (text: string, fileName: string) => void;
  now?: () => number;
}

/**
 * The support report: a preview (read-only text, never HTML), the personal-data box (off by
 * default), copy to the clipboard and download as .md.
 */
export function ReportDialog({ session, context, callId, copy, onClose, rulesNow, download = downloadMarkdown, now = Date.now }: Props) {
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const [scope, setScope] = useState<'call' | 'session'>(callId === null ? 'session' : 'call');
  const feedback = useCopyFeedback(copy);
  const dialogRef = useRef<HTMLElement>(null);
  const generatedAt = useMemo(() => now(), [session, scope, includePersonalData]);
  const targetId = scope === 'call' ? callId : null;
  const method = (callId === null ? undefined : session.events.find((e): e is CallEvent => e.type === 'call' && e.id === callId))?.method;

  const report = useMemo(() => {
    try {
      return {
        text: buildSupportReport(
          { session, recordedWith: context.recordedWith, source: context.source, generator: context.generator, callId: targetId, now: generatedAt, rulesNow },
          { includePersonalData },
        ),
        error: null,
      };
    } catch (error) {
      return { text: '', error: error instanceof Error ? error.message : String(error) };
    }
  }, [session, context, targetId, includePersonalData, generatedAt, rulesNow]);

  useEffect(() => {
    dialogRef.current?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div class="report-backdrop">
      <section
        ref={dialogRef}
        id="report-dialog"
        class="report-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="report-title"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header class="report-head">
          <h2 id="report-title">Support report</h2>
          <button type="button" class="icon-button" id="report-close" aria-label="Close the support report (Esc)" onClick={onClose}>
            ×
          </button>
        </header>
        <div class="report-options">
          {callId !== null && (
            <fieldset class="report-scope">
              <legend class="visually-hidden">Report on</legend>
              <label>
                <input type="radio" name="report-scope" id="report-scope-call" checked={scope === 'call'} onChange={() => setScope('call')} />
                This call{method !== undefined ? ` (Lean.${method})` : ''}
              </label>
              <label>
                <input type="radio" name="report-scope" id="report-scope-session" checked={scope === 'session'} onChange={() => setScope('session')} />
                Whole session
              </label>
            </fieldset>
          )}
          <label class="report-personal">
            <input
              type="checkbox"
              id="report-personal"
              checked={includePersonalData}
              onChange={(e) => setIncludePersonalData((e.currentTarget as HTMLInputElement).checked)}
            />
            Include personal data (customer name, risk_details, end-user fields)
          </label>
        </div>
        <p class="report-note">
          Secrets are always redacted. {includePersonalData ? 'Personal data is included: share this report only where that is allowed.' : 'Personal data is left out.'} Read it before you send it.
        </p>
        {report.error ? (
          <p class="report-error" role="alert">
            {report.error}
          </p>
        ) : (
          <textarea id="report-text" class="report-text" readOnly spellcheck={false} aria-label="Support report (Markdown)" value={report.text} />
        )}
        <div class="report-actions">
          <button
            type="button"
            class="action"
            id="report-copy"
            disabled={report.error !== null}
            onClick={() => feedback.copyText(report.text)}
          >
            {feedback.label('Copy to clipboard')}
          </button>
          <button
            type="button"
            class="action"
            id="report-download"
            disabled={report.error !== null}
            onClick={() => download(report.text, reportFileName({ session, callId: targetId, now: generatedAt }, method))}
          >
            Download .md
          </button>
        </div>
      </section>
    </div>
  );
}
