import type { Snapshot } from '../../lib/model/types';
import { isFunctionMarker, parseRedaction } from '../../lib/model/markers';

/** Plain words for what a redaction marker still tells (never the secret). */
export function redactionNote(value: string): string {
  const info = parseRedaction(value);
  if (!info) return 'Redacted before it left the page.';
  const parts = [`Redacted before it left the page (${info.label})`];
  if (info.jwt) parts.push('a JSON Web Token');
  if (info.exp) parts.push(`expires ${info.exp}`);
  if (info.sub) parts.push(`subject ${info.sub}`);
  if (info.last4) parts.push(`ends in …${info.last4}`);
  return parts.join(', ') + '.';
}

/** A leaf value of a snapshot, typed by look; page text is text, with dir=auto. */
export function ValueView({ value }: { value: Snapshot }) {
  if (value === null) return <span class="v v-null">null</span>;
  if (typeof value === 'boolean') return <span class="v v-bool">{String(value)}</span>;
  if (typeof value === 'number') return <span class="v v-num">{String(value)}</span>;
  if (typeof value === 'string') {
    if (parseRedaction(value) || value.startsWith('[redacted')) {
      return (
        <span class="v v-redacted" title={redactionNote(value)}>
          <span class="redacted-tag">redacted</span> <span dir="auto">{value}</span>
        </span>
      );
    }
    if (isFunctionMarker(value)) return <span class="v v-fn" dir="auto">ƒ {value.slice(10, -1).trim() || '(anonymous)'}</span>;
    if (/^\[[A-Za-z][A-Za-z-]*(?:[ :][\s\S]*)?\]$/.test(value)) {
      return (
        <span class="v v-marker" dir="auto" title="A value the recorder could not copy as JSON">
          {value}
        </span>
      );
    }
    return (
      <span class="v v-str" dir="auto">
        "{value}"
      </span>
    );
  }
  if (Array.isArray(value)) return <span class="v v-meta">[{value.length}]</span>;
  return <span class="v v-meta">{`{${Object.keys(value).length}}`}</span>;
}
