import { useEffect, useMemo, useState } from 'preact/hooks';
import { useCopyFeedback } from '../common/useCopyFeedback';
import { buildCspViewModel } from '../../lib/panel/csp/model';
import type { AddedFinding, CspViewInput, CspViewModel, MatrixGroup, MatrixRowView, ProposalView, StrengthView, SuggestionView, ViolationView } from '../../lib/panel/csp/model';
import type { StrengthFinding } from '../../lib/csp/strength';
import { copyText } from '../../lib/panel/clipboard';
import { DiffView } from './DiffView';
import './csp.css';

export type CspCopyFn = (text: string) => Promise<boolean>;

interface Props {
  /** A live `TabSession`, or an imported file through `cspInputFromFile`; null while connecting. */
  session: CspViewInput | null;
  copy?: CspCopyFn;
}

const STATUS_TEXT = { allowed: 'allowed', blocked: 'blocked', 'report-only-violation': 'report-only violation' } as const;

const REQUEST_WORDS: Record<string, string> = {
  'default-src': 'other resource types (only default-src governs them)',
  'script-src-elem': '<script src> requests, checked as script-src-elem',
  'style-src-elem': 'stylesheets, checked as style-src-elem',
  'connect-src': 'fetch / XHR / WebSocket',
  'img-src': 'images',
  'font-src': 'fonts',
  'frame-src': 'frames',
};

/**
 * The CSP auditor's view: the page's policies against the SDK's hosts. Everything is recomputed
 * from the session (policies, URL, events) with the background's own audit function, so an
 * imported session shows exactly what the live panel showed. Page data is rendered as text.
 */
export function CspView({ session, copy = (text) => copyText(text) }: Props) {
  const model = useMemo(() => (session ? buildCspViewModel(session) : null), [session?.url, session?.events, session?.csp]);
  const [showAll, setShowAll] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  useEffect(() => {
    if (!focusKey) return;
    const row = [...document.querySelectorAll<HTMLElement>('tr[data-key]')].find((el) => el.dataset.key === focusKey);
    row?.scrollIntoView?.({ block: 'center' });
    row?.focus?.();
  }, [focusKey, showAll]);

  if (!model) return <p class="empty">Connecting to the page’s session…</p>;

  const showRow = (key: string) => {
    const row = model.groups.flatMap((g) => g.rows).find((r) => r.key === key);
    if (row && !row.row.inScope) setShowAll(true);
    setFocusKey(key);
  };
  const hasPolicies = model.verdict !== 'no-csp';

  return (
    <section id="csp-view" class="csp-view" data-verdict={model.verdict} aria-label="Content Security Policy">
      <p id="csp-headline" class={`csp-headline verdict-${model.verdict}`} role="status">
        {model.headline}
      </p>
      <ScopeLine model={model} showAll={showAll} onToggle={setShowAll} />
      {hasPolicies && <Matrix model={model} showAll={showAll} focusKey={focusKey} />}
      <Violations violations={model.violations} model={model} onShow={showRow} />
      {hasPolicies && <Policies model={model} />}
      {model.notes.length > 0 && (
        <section id="csp-notes" class="csp-section">
          <h2>Notes</h2>
          <ul class="csp-notes">
            {model.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      {hasPolicies && <Proposals proposals={model.proposals} copy={copy} />}
      {hasPolicies && <Strength strength={model.strength} />}
      {hasPolicies && <Suggestions suggestions={model.suggestions} copy={copy} />}
    </section>
  );
}

function ScopeLine({ model, showAll, onToggle }: { model: CspViewModel; showAll: boolean; onToggle(v: boolean): void }) {
  const { scope } = model;
  const partial = scope.neededHosts < scope.totalHosts;
  return (
    <div id="csp-scope" class="csp-scope" data-region={scope.scope.region ?? ''} data-env={scope.scope.env ?? ''}>
      <span class="csp-scope-summary">{scope.summary}</span>
      <span class="csp-muted"> (from the loader’s region, the calls’ sandbox flag and the Lean hosts violations name)</span>
      {partial && model.verdict !== 'no-csp' && (
        <label class="csp-toggle">
          <input type="checkbox" id="csp-show-all" checked={showAll} onChange={(e) => onToggle((e.currentTarget as HTMLInputElement).checked)} />
          Show the full vendor list ({scope.totalHosts} hosts), not only the {scope.neededHosts} this page needs
        </label>
      )}
    </div>
  );
}

function Matrix({ model, showAll, focusKey }: { model: CspViewModel; showAll: boolean; focusKey: string | null }) {
  return (
    <section id="csp-matrix" class="csp-section">
      <h2>SDK requests against the page’s policies</h2>
      <table class="csp-matrix">
        <thead>
          <tr>
            <th scope="col">Source (vendor list)</th>
            <th scope="col">Status</th>
            <th scope="col">Decided by (after fallback)</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        {model.groups.map((group) => (
          <Group key={group.directive} group={group} showAll={showAll} focusKey={focusKey} loaderRan={model.loaderRan} />
        ))}
      </table>
    </section>
  );
}

function Group({ group, showAll, focusKey, loaderRan }: { group: MatrixGroup; showAll: boolean; focusKey: string | null; loaderRan: boolean }) {
  const rows = showAll ? group.rows : group.rows.filter((r) => r.row.inScope);
  if (rows.length === 0) return null;
  return (
    <tbody class="csp-group" data-directive={group.directive}>
      <tr class="csp-group-head">
        <th colSpan={4} scope="rowgroup">
          {group.directive} <span class="csp-muted">— {REQUEST_WORDS[group.requestDirective] ?? group.requestDirective}</span>
        </th>
      </tr>
      {rows.map((view) => (
        <Row key={view.key} view={view} focused={view.key === focusKey} loaderRan={loaderRan} />
      ))}
    </tbody>
  );
}

function Row({ view, focused, loaderRan }: { view: MatrixRowView; focused: boolean; loaderRan: boolean }) {
  const { row } = view;
  const cls = [
    'csp-row',
    `status-${row.status}`,
    row.inScope ? '' : 'out-of-scope',
    row.sdkNeeds ? '' : 'page-own',
    view.confirmed ? 'confirmed' : '',
    view.contradicted ? 'contradicted' : '',
    focused ? 'focused' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const loaderNote = loaderRan && row.perPolicy.some((v) => v.reason === 'strict-dynamic-parser-inserted');
  return (
    <tr
      class={cls}
      data-key={view.key}
      data-directive={row.requestDirective}
      data-source={row.source}
      data-status={row.status}
      data-in-scope={String(row.inScope)}
      data-confirmed={String(view.confirmed)}
      tabIndex={-1}
    >
      <td class="csp-source-cell">
        <code>{row.source}</code>
        {!row.sdkNeeds && <span class="csp-muted"> the page’s own files ({view.host})</span>}
        {!row.inScope && <span class="csp-badge">not needed on this page</span>}
      </td>
      <td class="csp-status-cell">
        <span class={`csp-status status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
        {view.confirmed && <span class="csp-badge confirmed-badge">confirmed by a violation</span>}
        {view.contradicted && <span class="csp-badge contradicted-badge">a violation says otherwise</span>}
      </td>
      <td class="csp-decided-cell">
        {view.decidedBy ?? <span class="csp-muted">no policy has a directive for it</span>}
        {view.fallback && <span class="csp-muted"> (fallback for {row.requestDirective})</span>}
      </td>
      <td class="csp-why-cell">
        {view.reason}
        {loaderNote && <span class="csp-muted"> — the loader did run on this page, so its tag carries an accepted nonce or hash.</span>}
        {view.perPolicy.length > 0 && (
          <ul class="csp-per-policy">
            {view.perPolicy.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function Violations({ violations, model, onShow }: { violations: ViolationView[]; model: CspViewModel; onShow(key: string): void }) {
  return (
    <section id="csp-violations" class="csp-section">
      <h2>Violations the browser reported</h2>
      {violations.length === 0 ? (
        <p class="csp-muted">None on this tab yet. The browser reports each request a policy blocks (or, report-only, would block) here as it happens.</p>
      ) : (
        <ul class="csp-violations">
          {violations.map((v) => {
            const target = v.rowKey ? model.groups.flatMap((g) => g.rows).find((r) => r.key === v.rowKey) : undefined;
            return (
              <li
                key={v.event.id}
                class={`csp-violation ${v.context}`}
                data-violation-id={v.event.id}
                data-row-key={v.rowKey ?? ''}
                data-count={v.count}
              >
                <span class={`csp-status status-${v.event.disposition === 'report' ? 'report-only-violation' : 'blocked'}`}>
                  {v.event.disposition === 'report' ? 'reported' : 'blocked'}
                </span>{' '}
                <code class="csp-blocked-uri">{v.event.blockedURI || '(no URI)'}</code> <span class="csp-muted">under</span>{' '}
                <code>{v.event.effectiveDirective}</code>
                {v.source && <span class="csp-muted"> · from {v.source}</span>}
                {v.count > 1 && <span class="csp-badge">×{v.count}</span>}
                {target ? (
                  <>
                    {' '}
                    <button type="button" class="link-button csp-row-link" onClick={() => onShow(target.key)}>
                      → matrix row {target.row.directive} {target.row.source}
                    </button>
                  </>
                ) : (
                  <span class="csp-muted"> — {v.unlinkedReason}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Policies({ model }: { model: CspViewModel }) {
  return (
    <section id="csp-policies" class="csp-section">
      <h2>Policies as collected</h2>
      <ol class="csp-policies">
        {model.collected.map((p, i) => (
          <li key={i} class="csp-policy" data-source={p.source} data-disposition={p.disposition}>
            <span class="csp-badge">{p.source === 'meta' ? '<meta> tag' : 'response header'}</span>
            <span class="csp-badge">{p.disposition === 'report' ? 'report-only' : 'enforced'}</span>
            <code class="csp-policy-text">{p.text}</code>
            <span class="csp-muted">
              {p.applied.length === 0 ? ' — applies no policy (see the notes)' : ` → ${p.applied.join(', ')}`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What to deploy, where: each policy stays where the page delivers it (a <meta> one is never merged into the header). */
function Proposals({ proposals, copy }: { proposals: ProposalView[]; copy: CspCopyFn }) {
  if (proposals.length === 0) return null;
  return (
    <section id="csp-proposals" class="csp-section">
      <h2>Proposed policies, where each is delivered</h2>
      {proposals.map((p, i) => (
        <article key={i} class="csp-proposal" data-delivery={p.proposal.delivery}>
          <h3>{p.where}</h3>
          {p.unchanged ? (
            <p class="csp-muted csp-unchanged">Keep it as it is.</p>
          ) : (
            <Variant name="strict" title="Strict (exact hosts)" before={p.proposal.before} after={p.proposal.strict} copy={copy} />
          )}
          <AddedFindings added={p.added} />
        </article>
      ))}
    </section>
  );
}

function AddedFindings({ added }: { added: AddedFinding[] }) {
  const other = added.filter((f) => !f.sdkHostReminder);
  const reminders = added.filter((f) => f.sdkHostReminder);
  return (
    <p class="csp-strength-delta" data-added={other.length} data-reminders={reminders.length}>
      {other.length === 0 ? 'csp_evaluator finds no weakness the page’s policy did not already have.' : `csp_evaluator finds ${other.length} new weakness(es): ${other.map((f) => f.description).join(' ')}`}
      {reminders.length > 0 &&
        ` It reminds you to check that the SDK's script hosts serve no JSONP or Angular libraries: ${reminders.map((f) => f.value).join(' ')}.`}
    </p>
  );
}

/** csp_evaluator's findings on each policy the page applies. */
function Strength({ strength }: { strength: StrengthView[] }) {
  if (strength.length === 0) return null;
  return (
    <section id="csp-strength" class="csp-section">
      <h2>Strength of the page’s policies (Google csp_evaluator)</h2>
      {strength.map((s) => (
        <article key={s.policy.label} class="csp-strength-policy" data-findings={s.findings.length}>
          <h3>{s.policy.label}</h3>
          {s.findings.length === 0 ? (
            <p class="csp-muted">No finding.</p>
          ) : (
            <ul class="csp-findings">
              {s.findings.map((f, i) => (
                <Finding key={i} finding={f} />
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}

function Finding({ finding }: { finding: StrengthFinding }) {
  return (
    <li class="csp-finding" data-severity={finding.severity} data-type={finding.type}>
      <span class={`csp-badge severity-${finding.severity}`}>{finding.severity}</span> <code>{finding.directive}</code>
      {finding.value !== null && (
        <>
          {' '}
          <code>{finding.value}</code>
        </>
      )}{' '}
      — {finding.description}
    </li>
  );
}

function Suggestions({ suggestions, copy }: { suggestions: SuggestionView[]; copy: CspCopyFn }) {
  if (suggestions.length === 0) return null;
  return (
    <section id="csp-suggestions" class="csp-section">
      <h2>Suggested policies</h2>
      {suggestions.map((s) => (
        <article key={s.suggestion.policyIndex} class="csp-suggestion" data-policy-index={s.suggestion.policyIndex} data-disposition={s.policy.disposition}>
          <h3>
            {s.policy.label}
            {s.policy.disposition === 'report' ? ' — report-only: fixing it silences its reports' : ''}
            {s.policy.source === 'meta' ? ' — change it in the <meta> tag' : ''}
          </h3>
          {s.unchanged ? (
            <p class="csp-muted csp-unchanged">
              {s.unfixable > 0
                ? `Adding sources cannot fix the ${s.unfixable} request${s.unfixable === 1 ? '' : 's'} it blocks: see the notes on 'strict-dynamic'.`
                : 'Nothing to add: it already allows every SDK request this page needs.'}
            </p>
          ) : (
            <>
              {s.unfixable > 0 && (
                <p class="csp-muted">{`Adding sources cannot fix ${s.unfixable} of the requests it blocks: see the notes on 'strict-dynamic'.`}</p>
              )}
              <Variant name="strict" title="Strict (exact hosts)" before={s.suggestion.before} after={s.suggestion.strict} copy={copy} />
              <Variant name="relaxed" title="Relaxed (https://*.leantech.me)" before={s.suggestion.before} after={s.suggestion.relaxed} copy={copy} />
            </>
          )}
        </article>
      ))}
    </section>
  );
}

function Variant({ name, title, before, after, copy }: { name: string; title: string; before: string; after: string; copy: CspCopyFn }) {
  const feedback = useCopyFeedback(copy);
  return (
    <div class="csp-variant" data-variant={name}>
      <div class="csp-variant-head">
        <h4>{title}</h4>
        <button
          type="button"
          class="csp-copy"
          data-variant={name}
          onClick={() => feedback.copyText(after)}
        >
          {feedback.label('Copy')}
        </button>
      </div>
      <pre class="csp-policy-text">{after}</pre>
      <DiffView before={before} after={after} variant={name} />
    </div>
  );
}
