import type { Finding } from '../../lib/model/types';
import type { SdkStatus } from '../../lib/panel/status';
import { REGION_NAME } from '../../lib/model/vocabulary';
import { fileName, NO_SDK_CHECKS } from '../../lib/panel/status';
import { clockTime, count, plural } from '../../lib/panel/format';
import { FindingList } from '../findings/FindingList';
import './status.css';

interface Props {
  status: SdkStatus;
  sessionFindings: readonly Finding[];
  droppedEvents: number;
  /** Messages and events the relay refused (malformed, beyond a cap, or made up by the page). */
  refusedMessages?: number;
  /** False when the list already shows the full "no SDK" checklist. */
  showChecks?: boolean;
}

type Tone = 'ok' | 'warn' | 'bad' | 'muted';

function Item({ tone, label, children, id }: { tone: Tone; label: string; id: string; children: preact.ComponentChildren }) {
  return (
    <span class={`status-item tone-${tone}`} id={id}>
      <span class="dot" aria-hidden="true" />
      <span class="status-label">{label}</span> {children}
    </span>
  );
}

/** What the developer checks first: is the SDK there, hooked, which environment, how many problems. */
export function StatusStrip({ status, sessionFindings, droppedEvents, refusedMessages = 0, showChecks = true }: Props) {
  const { loader, hook, environment, findings } = status;
  const findingTotal = findings.error + findings.warning + findings.info;
  const findingParts = [
    findings.error ? plural(findings.error, 'error') : '',
    findings.warning ? plural(findings.warning, 'warning') : '',
    findings.info ? `${findings.info} info` : '',
  ].filter(Boolean);

  return (
    <section class="status-strip" aria-label="SDK status">
      <div class="status-line">
        {status.noSdk ? (
          <Item tone="bad" label="No Lean SDK" id="status-sdk">
            on this page: no loader, no <code>Lean</code>, no calls.
          </Item>
        ) : (
          <>
            {loader ? (
              <Item tone={loader.afterInteraction || loader.count > 1 ? 'warn' : 'ok'} label="Loader" id="status-loader">
                <span class="mono" dir="auto" title={loader.src}>
                  {fileName(loader.src)}
                </span>
                {loader.region ? ` · ${REGION_NAME[loader.region]} (${loader.region})` : loader.legacy ? ' · legacy SDK' : ''}
                {' · '}
                {loader.afterInteraction ? <strong>after a user action</strong> : 'at page load'}
                {`, ${clockTime(loader.insertedAt)}`}
                {loader.count > 1 ? <strong>{` · inserted ${loader.count} times`}</strong> : null}
              </Item>
            ) : (
              <Item tone="warn" label="Loader" id="status-loader">
                not seen on this page
              </Item>
            )}
            <Item
              tone={hook.state === 'hooked' ? 'ok' : hook.state === 'not-hookable' ? 'bad' : 'muted'}
              label="Lean"
              id="status-hook"
            >
              {hook.state === 'hooked' ? (
                <span title={hook.detail}>hooked</span>
              ) : hook.state === 'not-hookable' ? (
                <span dir="auto">not hooked: {hook.detail}</span>
              ) : (
                'not defined yet'
              )}
            </Item>
          </>
        )}
        <Item tone={environment === 'mixed' ? 'warn' : environment ? 'ok' : 'muted'} label="Env" id="status-env">
          {environment === 'mixed' ? 'sandbox and production' : (environment ?? 'no calls yet')}
        </Item>
        <Item tone={status.failed || findings.error ? 'bad' : findings.warning ? 'warn' : 'muted'} label="Calls" id="status-counts">
          {count(status.calls)}
          {' · '}
          <span class={status.failed ? 'count-bad' : ''}>{count(status.failed)} failed</span>
          {' · '}
          {findingTotal ? `${plural(findingTotal, 'finding')} (${findingParts.join(', ')})` : 'no findings'}
        </Item>
        {droppedEvents > 0 && (
          <Item tone="warn" label="Dropped" id="status-dropped">
            {plural(droppedEvents, 'event')} (size cap)
          </Item>
        )}
        {refusedMessages > 0 && (
          <Item tone="warn" label="Refused" id="status-refused">
            {plural(refusedMessages, 'message')} (malformed, over a cap, or made up by the page)
          </Item>
        )}
      </div>
      {status.noSdk && showChecks && (
        <details class="status-details">
          <summary>What to check</summary>
          <ul class="checks">
            {NO_SDK_CHECKS.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        </details>
      )}
      {sessionFindings.length > 0 && (
        <details class="status-details session-findings" open={sessionFindings.some((f) => f.severity === 'error')}>
          <summary>{plural(sessionFindings.length, 'session finding')}</summary>
          <FindingList findings={sessionFindings} empty="" label="Session findings" />
        </details>
      )}
    </section>
  );
}
