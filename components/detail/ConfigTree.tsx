import { useState } from 'preact/hooks';
import type { Finding, Severity, Snapshot } from '../../lib/model/types';
import { worstSeverity } from '../../lib/rules/finding';
import { SEVERITY_ICON } from '../../lib/panel/describe';
import { ValueView } from './ValueView';

interface Props {
  value: Snapshot;
  label: string;
  /** Findings to pin on the nodes they name (`customization.theme_color`, `permissions[0]`). */
  findings?: readonly Finding[];
  /** Levels open at first. */
  openDepth?: number;
}

function findingsByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.field === null) continue;
    map.set(f.field, [...(map.get(f.field) ?? []), f]);
  }
  return map;
}

/**
 * A snapshot as a collapsible tree; redacted values are tagged, findings pinned to their field.
 * Marked up as nested lists with disclosure buttons (`aria-expanded` on each branch's button),
 * not as an ARIA `tree`: that role promises arrow-key navigation between items, which this
 * view does not have; here every branch button is simply in the Tab order.
 */
export function ConfigTree({ value, label, findings = [], openDepth = 2 }: Props) {
  const byPath = findingsByPath(findings);
  if (value === null || typeof value !== 'object') {
    return (
      <ul class="tree tree-leaf-root" aria-label={label}>
        <li>
          <ValueView value={value} />
        </li>
      </ul>
    );
  }
  return (
    <ul class="tree" aria-label={label}>
      {entries(value).map(([key, child, path]) => (
        <Node key={path} name={key} value={child} path={path} depth={0} openDepth={openDepth} byPath={byPath} />
      ))}
    </ul>
  );
}

function entries(value: Snapshot[] | { [key: string]: Snapshot }, parent = ''): [string, Snapshot, string][] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v, `${parent}[${i}]`]);
  return Object.keys(value).map((k) => [k, value[k]!, parent ? `${parent}.${k}` : k]);
}

interface NodeProps {
  name: string;
  value: Snapshot;
  path: string;
  depth: number;
  openDepth: number;
  byPath: Map<string, Finding[]>;
}

function Pins({ findings }: { findings: Finding[] | undefined }) {
  if (!findings?.length) return null;
  const worst = worstSeverity(findings) as Severity;
  return (
    <span class={`pin sev-${worst}`} title={findings.map((f) => `${f.severity}: ${f.message}`).join('\n')}>
      <span aria-hidden="true">{SEVERITY_ICON[worst]}</span>
      <span class="visually-hidden">{`${findings.length} finding${findings.length === 1 ? '' : 's'}: ${worst}`}</span>
    </span>
  );
}

function Node({ name, value, path, depth, openDepth, byPath }: NodeProps) {
  const [open, setOpen] = useState(depth < openDepth);
  const pinned = byPath.get(path);
  const keyView = (
    <span class="k" dir="auto">
      {name}
    </span>
  );
  if (value === null || typeof value !== 'object') {
    return (
      <li class={`node leaf${pinned ? ' has-finding' : ''}`} data-path={path}>
        {keyView}
        <span class="colon">: </span>
        <ValueView value={value} />
        <Pins findings={pinned} />
      </li>
    );
  }
  const children = entries(value, path);
  return (
    <li class={`node branch${pinned ? ' has-finding' : ''}`} data-path={path}>
      <button type="button" class="twisty" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="arrow" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {keyView}
        <span class="colon">: </span>
        <ValueView value={value} />
      </button>
      <Pins findings={pinned} />
      {open && children.length > 0 && (
        <ul>
          {children.map(([k, child, p]) => (
            <Node key={p} name={k} value={child} path={p} depth={depth + 1} openDepth={openDepth} byPath={byPath} />
          ))}
        </ul>
      )}
    </li>
  );
}
