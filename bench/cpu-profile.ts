/**
 * Reading V8 CPU profiles (CDP `Profiler.stop`): self and inclusive time per function, and
 * time per script, so a profile can be summarised in the terminal.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  wallMs: number;
  /** Sampled time that was not idle. */
  busyMs: number;
  functions: FunctionTime[];
  /** Self time per script (file name), plus (gc), (program), (idle). */
  scripts: { script: string; selfMs: number }[];
}

const shortUrl = (url: string) => (url ? (url.split('/').pop() ?? url).split('?')[0]! : '');

/** Several profiles of the same thing (one per page load, say), added up. */
export function summarizeProfiles(profiles: readonly CpuProfile[]): ProfileSummary {
  const parts = profiles.map(summarizeProfile);
  const functions = new Map<string, FunctionTime>();
  const scripts = new Map<string, number>();
  for (const part of parts) {
    for (const f of part.functions) {
      const key = f.name + '\u0000' + f.where;
      const known = functions.get(key);
      if (known) {
        known.selfMs += f.selfMs;
        known.totalMs += f.totalMs;
      } else functions.set(key, { ...f });
    }
    for (const x of part.scripts) scripts.set(x.script, (scripts.get(x.script) ?? 0) + x.selfMs);
  }
  return {
    wallMs: parts.reduce((a, p) => a + p.wallMs, 0),
    busyMs: parts.reduce((a, p) => a + p.busyMs, 0),
    functions: [...functions.values()],
    scripts: [...scripts.entries()].map(([script, selfMs]) => ({ script, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map<number, CpuProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = (node: CpuProfileNode) => {
    const f = node.callFrame;
    return `${f.functionName || '(anonymous)'}\u0000${shortUrl(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const scripts = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let idle = 0;
  for (let i = 0; i < samples.length; i++) {
    // The time until the next sample is spent where this sample was taken.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    const name = node.callFrame.functionName;
    const script = name.startsWith('(') && !node.callFrame.url ? name : shortUrl(node.callFrame.url) || '(native)';
    scripts.set(script, (scripts.get(script) ?? 0) + dt);
    if (name === '(idle)') idle += dt;
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const functions = [...self.keys(), ...total.keys()]
    .filter((k, i, all) => all.indexOf(k) === i)
    .map((k) => {
      const [name, where] = k.split('\u0000') as [string, string];
      return { name, where, selfMs: self.get(k) ?? 0, totalMs: total.get(k) ?? 0 };
    });
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  return {
    wallMs,
    busyMs: [...scripts.values()].reduce((a, b) => a + b, 0) - idle,
    functions,
    scripts: [...scripts.entries()].map(([script, selfMs]) => ({ script, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** A few lines for the terminal: scripts by self time, then the top functions by self and by total time. */
export function formatSummary(title: string, s: ProfileSummary, options: { top?: number; only?: (where: string) => boolean } = {}): string {
  const top = options.top ?? 15;
  const keep = (f: FunctionTime) => !f.name.startsWith('(') && (!options.only || options.only(f.where));
  const fmt = (v: number) => v.toFixed(1).padStart(8);
  const lines = [`── ${title}: ${s.wallMs.toFixed(0)} ms profiled, ${s.busyMs.toFixed(1)} ms busy`];
  lines.push('  self ms   script');
  for (const x of s.scripts.slice(0, 8)) lines.push(`${fmt(x.selfMs)}   ${x.script}`);
  lines.push('  self ms  total ms   function (by self time)');
  for (const f of [...s.functions].filter(keep).sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) {
    lines.push(`${fmt(f.selfMs)}  ${fmt(f.totalMs)}   ${f.name}  ${f.where}`);
  }
  lines.push('  self ms  total ms   function (by total time)');
  for (const f of [...s.functions].filter(keep).sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
    lines.push(`${fmt(f.selfMs)}  ${fmt(f.totalMs)}   ${f.name}  ${f.where}`);
  }
  return lines.join('\n');
}
