/**
 * CSP auditor core: parse (CSP3 §2.2), match (CSP3 §6.7–6.8), the SDK host table, scope and the
 * audit. Pure functions over plain data — no browser APIs.
 */
export * from './source';
export * from './parse';
export * from './match';
export * from './sdk-hosts';
export * from './scope';
export * from './audit';
