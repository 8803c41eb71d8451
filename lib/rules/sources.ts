/**
 * Where each rule comes from: sections of `docs/lean-sdk-reference.md`, the single source of
 * truth for the validator. Every Finding carries one of these in `source`.
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


/** The vendor's public page behind each section of the reference (its "Source" lines). */
const VENDOR_PAGE: Readonly<Record<string, string>> = {
  '§1': 'https://docs.leantech.me/docs/web',
  '§2': 'https://docs.leantech.me/v2.0-KSA/docs/android',
};

/**
 * The vendor page a finding's `source` cites, or null (§3 is our own observations). Only our
 * constant URLs come out, whatever the text: a finding may come from an imported file.
 */
export function vendorPageOf(source: string): string | null {
  const section = /^SDK reference (§\d)/.exec(source)?.[1];
  return section === undefined ? null : (VENDOR_PAGE[section] ?? null);
}
