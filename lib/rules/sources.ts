/**
 * Where each rule comes from: sections of `/work/shared/lean-sdk-reference.md`, the
 * single source of truth for the validator. Every Finding carries one of these in `source`.
 */
export const SRC = {
  methodTable: 'SDK reference §1, method table',
  shared: 'SDK reference §1, shared optional fields',
  shortcuts: 'SDK reference §1, shortcuts',
  loader: 'SDK reference §1, loader',
  redirect: 'SDK reference §1, Open Finance redirect handshake',
  customization: 'SDK reference §1, customization fields',
  callback: 'SDK reference §1, callback',
  permissions: 'SDK reference §2, permissions',
  known: 'SDK reference §2, further known fields',
  customization2: 'SDK reference §2, more customization keys',
  legacy: 'SDK reference §2, legacy method link',
  mistakes: 'SDK reference §3, mistakes seen in real integrations',
} as const;

