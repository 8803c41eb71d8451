import { diff, parseSerializedCsp, sourceKey } from '../../lib/csp';

interface Props {
  before: string;
  after: string;
  /** For ids and test hooks: `strict` / `relaxed`. */
  variant: string;
}

/**
 * The suggested policy against the page's own, directive by directive (from `diff`): sources the
 * suggestion adds are highlighted, directives it creates are marked, anything it drops is struck.
 * Directives it leaves alone are shown dimmed, so the whole policy reads in order.
 */
export function DiffView({ before, after, variant }: Props) {
  const changes = diff(before, after);
  const byName = new Map(changes.map((c) => [c.directive, c]));
  const tokens = parseSerializedCsp(after).tokens;
  const afterNames = new Set(tokens.map((t) => t.name));
  const dropped = changes.filter((c) => !afterNames.has(c.directive));

  return (
    <section class="csp-diff" data-variant={variant} aria-label={`Changes of the ${variant} suggestion`}>
      {tokens.map((token, i) => {
        const change = token.status === 'effective' ? byName.get(token.name) : undefined;
        const added = new Set((change?.added ?? []).map(sourceKey));
        const cls = ['csp-diff-line', change ? 'changed' : 'same', change?.created ? 'created' : '', token.status !== 'effective' ? 'ignored' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <div key={`${i}-${token.text}`} class={cls} data-directive={token.name}>
            <span class="csp-diff-name">{token.rawName}</span>
            {token.value.map((value, j) =>
              change && added.has(sourceKey(value)) ? (
                <ins key={j} class="csp-added">
                  {value}
                </ins>
              ) : (
                <span key={j} class="csp-source">
                  {value}
                </span>
              ),
            )}
            {(change?.removed ?? []).map((value, j) => (
              <del key={`r${j}`} class="csp-removed">
                {value}
              </del>
            ))}
            {change?.created && <span class="csp-badge created-badge">new directive</span>}
            {token.status === 'duplicate' && <span class="csp-badge">ignored duplicate</span>}
            {token.status === 'meta-ignored' && <span class="csp-badge">{'ignored in <meta>'}</span>}
          </div>
        );
      })}
      {dropped.map((change) => (
        <div key={`dropped-${change.directive}`} class="csp-diff-line changed dropped" data-directive={change.directive}>
          <del class="csp-removed">{[change.directive, ...change.removed].join(' ')}</del>
        </div>
      ))}
      {changes.length === 0 && <p class="csp-muted">No change.</p>}
    </section>
  );
}
