import { Fragment } from 'preact';
import { useCopyFeedback } from '../common/useCopyFeedback';
import type { CallPanelRow, EventPanelRow, PanelRow } from '../../lib/panel/rows';
import { clockTime, duration, OUTCOME_LABEL, parseCallsite } from '../../lib/panel/format';
import { callAsCode, configAsJson } from '../../lib/panel/copy-code';
import { describeEvent, OUTCOME_HINT } from '../../lib/panel/describe';
import { REGION_NAME } from '../../lib/model/vocabulary';
import { ConfigTree } from './ConfigTree';
import { CallbackView } from './CallbackView';
import { FindingList } from '../findings/FindingList';
import './detail.css';

export type CopyFn = (text: string) => Promise<boolean>;

interface Props {
  item: PanelRow;
  copy: CopyFn;
  onClose(): void;
}

/** The opened row: a call's config, findings, callback and actions, or an event's facts. */
export function Detail({ item, copy, onClose }: Props) {
  return item.kind === 'call' ? (
    <CallDetail item={item} copy={copy} onClose={onClose} />
  ) : (
    <EventDetail item={item} onClose={onClose} />
  );
}

function CloseButton({ onClose }: { onClose(): void }) {
  return (
    <button type="button" class="icon-button close-detail" aria-label="Close details (Esc)" title="Close (Esc)" onClick={onClose}>
      ×
    </button>
  );
}

function CopyButton({ id, label, text, copy }: { id: string; label: string; text: string | null; copy: CopyFn }) {
  const feedback = useCopyFeedback(copy);
  return (
    <button type="button" class={`action copy-${feedback.state}`} id={id} disabled={text === null} onClick={() => text !== null && feedback.copyText(text)}>
      {feedback.label(label)}
    </button>
  );
}

function CallDetail({ item, copy, onClose }: { item: CallPanelRow; copy: CopyFn; onClose(): void }) {
  const { call, callbacks, error, correlationId } = item.row;
  const findings = call.findings ?? [];
  const site = parseCallsite(call.callsite);
  return (
    <section class="detail" aria-label={`Call ${call.method}`} data-call-id={call.id}>
      <header class="detail-head">
        <h2>
          <span dir="auto">Lean.{call.method}</span>{' '}
          <span class={`badge outcome-${item.outcome}`} title={OUTCOME_HINT[item.outcome]}>
            {OUTCOME_LABEL[item.outcome]}
          </span>
        </h2>
        <CloseButton onClose={onClose} />
      </header>
      <fieldset class="actions" aria-label="Copy">
        <CopyButton id="copy-correlation" label="Copy correlation ID" text={correlationId} copy={copy} />
        <CopyButton id="copy-json" label="Copy config as JSON" text={configAsJson(call.config)} copy={copy} />
        <CopyButton id="copy-code" label="Copy as code" text={callAsCode(call.method, call.config)} copy={copy} />
      </fieldset>
      <dl class="facts">
        <dt>Time</dt>
        <dd>{clockTime(call.time)}</dd>
        <dt>Call site</dt>
        <dd class="callsite">
          {site ? (
            <span class="mono" dir="auto" title={call.callsite ?? undefined}>
              {site.label}
            </span>
          ) : (
            <span class="muted">
              unknown (the stack trace named no page script, or the call came after the first 10 calls of this method
              in quick succession: only those record a call site)
            </span>
          )}
        </dd>
        <dt>Frame</dt>
        <dd dir="auto">{call.frameUrl}</dd>
        {correlationId && (
          <>
            <dt>Correlation ID</dt>
            <dd class="correlation-id mono" dir="auto">
              {correlationId}
            </dd>
          </>
        )}
        {item.flow && (
          <>
            <dt>Flow</dt>
            <dd>
              {item.flow.position === 'end'
                ? `Completes the redirect flow started by Lean.${item.flow.from} on an earlier page.`
                : item.flow.position === 'start'
                  ? 'Sent the user to the bank; the flow continues with Lean.captureRedirect on the redirect page.'
                  : 'Part of a redirect flow.'}
            </dd>
          </>
        )}
      </dl>

      <h3>
        Findings{findings.length ? ` (${findings.length})` : ''}
      </h3>
      <FindingList
        findings={findings}
        label="Findings"
        empty={`No findings: this config matches the SDK reference for Lean.${call.method}.`}
      />

      <h3>Config</h3>
      <ConfigTree value={call.config} label="config" findings={findings} />

      {error && (
        <>
          <h3>Thrown</h3>
          <p class="thrown" dir="auto">
            {error.message}
          </p>
        </>
      )}
      {callbacks.map((callback, i) => (
        <div key={callback.id} class="callback-block">
          <h3>
            Callback{callbacks.length > 1 ? ` ${i + 1}` : ''} after {duration(callback.durationMs)}
          </h3>
          {callback.override ? (
            <>
              <p class="override-note" role="note">
                Overridden: the page got <code dir="auto">{callback.override.outcome}</code>
                {callback.override.delivered === null ? ' (nothing delivered with this callback)' : ''}, not the SDK’s answer.
              </p>
              <h4>What the SDK said</h4>
              {callback.override.fromSdk ? <CallbackView data={callback.data} /> : <p class="muted">The SDK had not answered yet.</p>}
              {callback.override.delivered !== null && (
                <div class="override-delivered">
                  <h4>What the page got</h4>
                  <CallbackView data={callback.override.delivered} />
                </div>
              )}
            </>
          ) : (
            <CallbackView data={callback.data} />
          )}
        </div>
      ))}
      {callbacks.length === 0 && !error && (
        <p class="muted">
          {item.outcome === 'pending'
            ? 'Waiting for the callback…'
            : 'No callback was passed: the page never learns the outcome (CANCELLED, ERROR…).'}
        </p>
      )}
    </section>
  );
}

function EventDetail({ item, onClose }: { item: EventPanelRow; onClose(): void }) {
  const event = item.row.event;
  const facts: [string, string][] = [['Time', clockTime(event.time)], ['Frame', event.frameUrl]];
  switch (event.type) {
    case 'navigation':
      facts.push(['URL', event.url]);
      break;
    case 'loader':
      facts.push(
        ['Script', event.src],
        ['Region', event.region ? `${REGION_NAME[event.region]} (${event.region})` : 'not in the URL'],
        ['Inserted', event.afterInteraction ? 'after a user action (load it at page load instead)' : 'before any user action'],
      );
      break;
    case 'sdk':
      facts.push(['State', event.state === 'hooked' ? 'hooked: calls are recorded' : 'could not be hooked'], ['Detail', event.detail]);
      break;
    case 'csp-violation':
      facts.push(
        ['Blocked', event.blockedURI],
        ['Directive', event.effectiveDirective],
        ['Policy', event.disposition === 'report' ? 'report-only (not blocked)' : 'enforced'],
        ['Source', event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : 'unknown'],
      );
      break;
  }
  return (
    <section class="detail" aria-label={describeEvent(event)}>
      <header class="detail-head">
        <h2 dir="auto">{describeEvent(event)}</h2>
        <CloseButton onClose={onClose} />
      </header>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd dir="auto">{v}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
