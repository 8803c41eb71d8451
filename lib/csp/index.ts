/**
 * CSP auditor core: parse (CSP3 §2.2), match (CSP3 §6.7–6.8), the SDK host table, scope and the
 * audit. Pure functions over plain data — no browser APIs. `strength.ts` (csp_evaluator) is not
 * re-exported: only the panel imports it, so the library stays out of the background's bundle.
 */
export * from './source';
export * from './parse';
export * from './match';
export * from './sdk-hosts';
export * from './scope';
export * from './matrix';
export * from './proposal';
export * from './audit';
