/**
 * Spec: explainCallback turns CallbackData (SDK reference §1, callback) into plain words
 * and a next step; codes the reference does not document are marked as such.
 */
import { describe, expect, it } from 'vitest';
import { explainCallback } from '../../../lib/rules';

describe('explainCallback: status', () => {
  it('SUCCESS reminds that the webhook, not the callback, is authoritative', () => {
    const x = explainCallback({ status: 'SUCCESS' });
    expect(x).toMatchObject({ status: 'SUCCESS', title: 'Flow completed', basis: 'reference' });
    expect(x.meaning).toContain('webhook is the authoritative outcome');
    expect(x.nextStep).toContain('webhook');
  });

  it('ERROR quotes the message and the correlation id to give Lean support', () => {
    const x = explainCallback({ status: 'ERROR', message: 'Bank timed out', lean_correlation_id: 'corr-42', last_api_response: 'FAILED' });
    expect(x.title).toBe('Flow failed');
    expect(x.meaning).toContain('Bank timed out');
    expect(x.meaning).toContain('FAILED');
    expect(x.nextStep).toContain('corr-42');
  });

  it('CANCELLED names the last screen the user saw', () => {
    const x = explainCallback({ status: 'CANCELLED', exit_point: 'BANK_SELECTION' });
    expect(x.title).toBe('User closed Link');
    expect(x.meaning).toContain('BANK_SELECTION');
  });

  it('CANCELLED with bank.is_supported false means "My bank is not listed"', () => {
    const x = explainCallback({ status: 'CANCELLED', bank: { bank_identifier: 'OTHER', is_supported: false } });
    expect(x.title).toBe('Bank not listed');
    expect(x.nextStep).toContain('another way');
  });

  it('REDIRECT points to captureRedirect on the redirect page', () => {
    const x = explainCallback({ status: 'REDIRECT', open_banking_redirect_url: 'https://bank.example/auth' });
    expect(x.meaning).toContain('open_banking_redirect_url');
    expect(x.nextStep).toContain('Lean.captureRedirect');
  });

  it('LINK_CLOSED_PROGRAMMATICALLY says code closed Link', () => {
    const x = explainCallback({ status: 'LINK_CLOSED_PROGRAMMATICALLY' });
    expect(x.title).toBe('Closed by code');
    expect(x.nextStep).toContain('closes Link');
  });

  it('an undocumented status is named as such, basis unknown', () => {
    const x = explainCallback({ status: 'PENDING' });
    expect(x).toMatchObject({ status: 'PENDING', title: 'Unrecognised status', basis: 'unknown' });
    expect(x.meaning).toContain('not one of the documented statuses');
  });

  it.each([[null], ['SUCCESS'], [[]], [{}], [{ status: 5 }]])('data without a string status (%j) is explained as "No status"', (data) => {
    expect(explainCallback(data)).toMatchObject({ status: '', title: 'No status', basis: 'unknown' });
  });

  it('has no secondary part without secondary_status', () => {
    expect(explainCallback({ status: 'ERROR' }).secondary).toBeUndefined();
  });
});

describe('explainCallback: secondary_status', () => {
  it('INVALID_CREDENTIALS comes from the reference', () => {
    const x = explainCallback({ status: 'ERROR', secondary_status: 'INVALID_CREDENTIALS' });
    expect(x.secondary).toMatchObject({ code: 'INVALID_CREDENTIALS', basis: 'reference' });
    expect(x.secondary?.meaning).toContain('username or password');
  });

  it.each([
    ['ACCOUNT_LOCKED', /locked/],
    ['BANK_UNAVAILABLE', /unavailable/],
    ['BANK_DOWN', /unavailable/],
    ['USER_CANCELLED', /cancelled/],
    ['CONSENT_EXPIRED', /expired/],
    ['CONSENT_REJECTED', /rejected/],
    ['PAYMENT_FAILED', /did not complete the payment/],
    ['INSUFFICIENT_FUNDS', /enough funds/],
    ['PAYMENT_LIMIT_EXCEEDED', /limit/],
    ['TIMEOUT', /too long/],
    ['MFA_FAILED', /one-time code/],
    ['INVALID_OTP', /one-time code/],
    ['OTP_EXPIRED', /one-time code/],
    ['RECONNECT_REQUIRED', /credentials again/],
    ['BANK_NOT_SUPPORTED', /not supported/],
    ['UNSUPPORTED_BANK', /not supported/],
    ['ACCOUNT_NOT_SUPPORTED', /accounts can be used/],
  ])('%s is explained from its name and marked as inferred', (code, meaning) => {
    const x = explainCallback({ status: 'ERROR', secondary_status: code });
    expect(x.secondary).toMatchObject({ code, basis: 'inferred' });
    expect(x.secondary?.meaning).toMatch(meaning);
    expect(x.secondary?.meaning).toContain('not in the SDK reference');
    expect(x.secondary?.nextStep.length).toBeGreaterThan(10);
  });

  it('an unknown code is admitted to be undocumented and points to support', () => {
    const x = explainCallback({ status: 'ERROR', secondary_status: 'WEIRD_THING', lean_correlation_id: 'corr-1' });
    expect(x.secondary).toMatchObject({ code: 'WEIRD_THING', basis: 'unknown' });
    expect(x.secondary?.meaning).toContain('does not document');
    expect(x.secondary?.nextStep).toContain('corr-1');
  });
});

describe('explainCallback: user_exit_intent and the exit survey', () => {
  it('a CANCELLED flow where the user says they paid is not treated as a failure', () => {
    const e = explainCallback({ status: 'CANCELLED', user_exit_intent: 'USER_COMPLETED_PAYMENT', exit_intent_point: 'PAYMENT_AUTHORIZATION' });
    expect(e.title).toBe('User closed Link, saying the payment was made');
    expect(e.meaning).toContain('they chose to leave on PAYMENT_AUTHORIZATION');
    expect(e.nextStep).toMatch(/check the payment intent's status/);
    expect(e.exitIntent).toMatchObject({ code: 'USER_COMPLETED_PAYMENT', basis: 'reference' });
  });

  it('a cancelled payment says nothing was paid, with the survey reason', () => {
    const e = explainCallback({ status: 'CANCELLED', user_exit_intent: 'USER_CANCELLED_PAYMENT', exit_survey_reason: 'BANK_NOT_LISTED' });
    expect(e.title).toBe('User closed Link');
    expect(e.meaning).toContain('their reason: BANK_NOT_LISTED');
    expect(e.exitIntent).toMatchObject({ code: 'USER_CANCELLED_PAYMENT', basis: 'reference' });
  });

  it('an undocumented value is marked unknown', () => {
    expect(explainCallback({ status: 'CANCELLED', user_exit_intent: 'MAYBE' }).exitIntent).toMatchObject({ code: 'MAYBE', basis: 'unknown' });
  });
});
