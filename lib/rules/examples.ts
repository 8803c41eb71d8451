/**
 * A minimal valid config for every method of the table, as a snapshot would record it
 * (secrets redacted, the callback a function marker). The validator finds nothing wrong
 * with these except, for deprecated and legacy methods, the method itself. The tests
 * prove it; the panel may show them as examples.
 */
import type { Snapshot } from '../model/types';

export const EXAMPLE_APP_TOKEN = '[redacted app_token …3a4f]';
export const EXAMPLE_CALLBACK = '[function callback]';

const base = { app_token: EXAMPLE_APP_TOKEN, callback: EXAMPLE_CALLBACK };
const customer = { ...base, customer_id: 'cust-123' };
const redirects = {
  success_redirect_url: 'https://shop.example/lean/success',
  fail_redirect_url: 'https://shop.example/lean/fail',
};

export const MINIMAL_CONFIGS: Readonly<Record<string, { [key: string]: Snapshot }>> = {
  connect: { ...customer, permissions: ['identity', 'accounts'] },
  pay: { ...base, payment_intent_id: 'pi-1' },
  reconnect: { ...base, reconnect_id: 'rc-1' },
  updatePaymentSource: { ...customer, payment_destination_id: 'pd-1', payment_source_id: 'ps-1' },
  checkout: { ...base, payment_intent_id: 'pi-1', ...redirects },
  authorizeConsent: { ...customer, consent_id: 'consent-1', ...redirects },
  manageConsents: { ...customer },
  captureRedirect: { ...customer },
  verifyAddress: { ...customer, customer_name: 'Sara Ahmed' },
  createBeneficiary: { ...customer, payment_destination_id: 'pd-1', payment_source_id: 'ps-1' },
  createPaymentSource: { ...customer },
  link: { ...customer, permissions: ['identity'] },
};
