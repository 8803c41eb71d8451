/**
 * `risk_details` (pay, checkout, authorizeConsent) against the official schema: four optional
 * sections, their keys, enums and value kinds (link-sdk-react-native src/types/risk-details.ts,
 * link-sdk-flutter lib/models/risk_details.dart; reference §3). The SDKs only clean and encode
 * it, so every finding is a warning. Values are never quoted: the object holds personal data.
 */
import type { Finding, Snapshot } from '../model/types';
import { finding } from './finding';
import { describeKind, kindOf } from './values';

type Leaf = 'string' | 'number' | 'boolean' | 'number-or-string' | 'any';
interface ListShape {
  list: Shape;
}
type Shape = Leaf | readonly string[] | ListShape | { readonly [key: string]: Shape };

const list = (item: Shape): ListShape => ({ list: item });
const isList = (shape: Shape): shape is ListShape =>
  typeof shape === 'object' && !Array.isArray(shape) && Object.hasOwn(shape, 'list');

const OTHER = 'OTHER';
const factor = (types: readonly string[]): Shape => ({ is_used: 'boolean', type: types });
const LOCALIZED_NAME: Shape = { en: 'string', ar: 'string' };

const DEBTOR_INDICATORS: Shape = {
  authentication: {
    authentication_channel: ['WEB', 'MOBILE'],
    possession_factor: factor([
      'FIDO2_SECURITY_KEY', 'PASSKEY', 'OTP_DEVICE', 'OTP_APP', 'SMS_OTP', 'EMAIL_OTP', 'PUSH_NOTIFICATION',
      'WEBAUTHN_TOKEN', 'SECURE_ENCLAVE_KEY', 'HARDWARE_OTP_KEY', 'TRUSTED_DEVICE', OTHER,
    ]),
    knowledge_factor: factor(['PIN', 'PASSWORD', 'SECURITY_QUESTION', 'SMS_OTP', 'EMAIL_OTP', 'OTP_PUSH', OTHER]),
    inherence_factor: factor([
      'BIOMETRIC', 'FINGERPRINT', 'FACE_RECOGNITION', 'IRIS_SCAN', 'VOICE_RECOGNITION', 'FIDO_BIOMETRIC',
      'DEVICE_BIOMETRICS', OTHER,
    ]),
    challenge_outcome: ['PASS', 'FAIL', 'NOT_PERFORMED'],
    authentication_flow: ['MFA', OTHER],
    authentication_value: 'string',
    challenge_date_time: 'string',
  },
  user_name: LOCALIZED_NAME,
  geo_location: { latitude: 'number-or-string', longitude: 'number-or-string' },
  device_information: {
    device_id: 'string',
    alternative_device_id: 'string',
    device_operating_system: 'string',
    device_operating_system_version: 'string',
    device_binding_id: 'string',
    last_binding_date_time: 'string',
    binding_duration: 'string',
    binding_status: ['ACTIVE', 'EXPIRED', 'REVOKED', 'SUSPENDED'],
    device_type: ['MOBILE', 'DESKTOP', 'TABLET', 'WEARABLE', OTHER],
    device_manufacturer: { model: 'string', manufacturer: 'string' },
    device_language: 'string',
    device_local_date_time: 'string',
    connection_type: ['WIFI', 'CELLULAR', OTHER],
    screen_information: { pixel_density: 'number', orientation: ['PORTRAIT', 'LANDSCAPE'] },
    battery_status: { level: 'number', is_charging: 'boolean' },
    touch_support: { supported: 'boolean', max_touch_points: 'number' },
    motion_sensors: { status: ['IN_MOTION', 'STATIONARY'], accelerometer: 'boolean', gyroscope: 'boolean' },
    device_environment_context: list(['VPN_DETECTED', 'EMULATOR_DETECTED']),
  },
  biometric_capabilities: {
    supports_biometric: 'boolean',
    biometric_types: list(['FINGERPRINT', 'FACIAL_RECOGNITION', 'IRIS', 'VOICE_PRINT', OTHER]),
  },
  app_information: { app_version: 'string', package_name: 'string', build_number: 'string' },
  user_behavior: { scroll_behavior: { direction: ['UP', 'DOWN', 'BOTH'], speed: 'number', frequency: 'number' } },
  account_risk_indicators: {
    user_onboarding_date_time: 'string',
    last_account_change_date: 'string',
    last_password_change_date: 'string',
    suspicious_activity: ['NO_SUSPICIOUS_ACTIVITY', 'SUSPICIOUS_ACTIVITY_DETECTED'],
    transaction_history: { last_day: 'number', last_year: 'number' },
  },
  supplementary_data: 'any',
};

/** The whole schema: four sections. */
export const RISK_DETAILS_SCHEMA: { readonly [section: string]: Shape } = {
  debtor_indicators: DEBTOR_INDICATORS,
  destination_delivery_address: {
    recipient_type: ['INDIVIDUAL', 'CORPORATE'],
    recipient_name: LOCALIZED_NAME,
    national_address: list({
      address_type: ['BUSINESS', 'CORRESPONDENCE', 'RESIDENTIAL'],
      address_line: 'string',
      building_number: 'string',
      building_name: 'string',
      floor: 'string',
      street_name: 'string',
      district_name: 'string',
      post_box: 'string',
      town_name: 'string',
      region: 'string',
      country: 'string',
    }),
  },
  transaction_indicators: {
    is_customer_present: 'boolean',
    is_contract_present: 'boolean',
    channel: ['WEB', 'MOBILE'],
    channel_type: ['ECOMMERCE', 'IN_STORE', 'IN_APP', 'TELEPHONE', 'MAIL', 'RECURRING_PAYMENT', OTHER],
    sub_channel_type: [
      'WEB_BROWSER', 'MOBILE_APP', 'SMART_TV', 'WEARABLE_DEVICE', 'POS_TERMINAL', 'ATM', 'KIOSK_TERMINAL', OTHER,
    ],
    merchant_risk: {
      delivery_timeframe: ['ELECTRONIC_DELIVERY', 'SAME_DAY_SHIPPING', 'OVERNIGHT_SHIPPING', 'MORE_THAN_1_DAY_SHIPPING'],
      reorder_items_indicator: ['FIRST_TIME_ORDER', 'REORDER'],
      pre_order_purchase_indicator: ['MERCHANDISE_AVAILABLE', 'FUTURE_AVAILABILITY'],
      is_gift_card_purchase: 'boolean',
      is_delivery_address_matches_billing: 'boolean',
      address_match_level: ['FULL_MATCH', 'PARTIAL_MATCH', 'NO_MATCH', 'NOT_APPLICABLE'],
    },
    supplementary_data: 'any',
  },
  payment_process: {
    total_duration: 'number',
    current_session_attempts: 'number',
    current_session_failed_attempts: 'number',
    last24_hour_attempts: 'number',
    last24_hour_failed_attempts: 'number',
  },
};

/** At most this many findings per risk_details: one mistake repeated in a list says enough. */
const MAX_FINDINGS = 20;
/** At most this many items of one list are checked. */
const MAX_ITEMS = 50;

const LEAF_KINDS: Readonly<Record<Exclude<Leaf, 'any'>, readonly string[]>> = {
  string: ['string'],
  number: ['number'],
  boolean: ['boolean'],
  'number-or-string': ['number', 'string'],
};
const LEAF_WORDS: Readonly<Record<Exclude<Leaf, 'any'>, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  'number-or-string': 'a number or a numeric string',
};

const schemaWarning = (path: string, message: string, fix: string): Finding =>
  finding('risk-details', 'warning', path, message, 'RISK-DETAILS', fix);
const typeWarning = (path: string, message: string, fix: string): Finding =>
  finding('wrong-type', 'warning', path, message, 'RISK-DETAILS', fix);

/** Kinds never judged: secrets and markers we cannot read stand for some value. */
const unjudgeable = (value: Snapshot): boolean => ['redacted', 'opaque', 'undefined', 'null'].includes(kindOf(value));

function checkShape(path: string, value: Snapshot, shape: Shape, out: Finding[]): void {
  if (out.length >= MAX_FINDINGS || shape === 'any' || unjudgeable(value)) return;
  const kind = kindOf(value);
  if (typeof shape === 'string') {
    if (!LEAF_KINDS[shape].includes(kind)) {
      out.push(typeWarning(path, `${path} is ${describeKind(value)}; the schema has ${LEAF_WORDS[shape]}.`, `Pass ${LEAF_WORDS[shape]}.`));
    }
    return;
  }
  if (Array.isArray(shape)) {
    if (kind !== 'string' || !shape.includes(value as string)) {
      out.push(schemaWarning(path, `${path} is not one of ${shape.join(', ')}.`, `Use one of: ${shape.join(', ')}.`));
    }
    return;
  }
  if (isList(shape)) {
    if (kind !== 'array') {
      out.push(typeWarning(path, `${path} is ${describeKind(value)}; the schema has a list.`, 'Pass an array.'));
      return;
    }
    (value as Snapshot[]).slice(0, MAX_ITEMS).forEach((item, i) => {
      checkShape(`${path}[${i}]`, item, shape.list, out);
    });
    return;
  }
  if (kind !== 'object') {
    out.push(typeWarning(path, `${path} is ${describeKind(value)}; the schema has an object.`, 'Pass an object.'));
    return;
  }
  checkObject(path, value as { [key: string]: Snapshot }, shape as { readonly [key: string]: Shape }, out);
}

function checkObject(path: string, value: { [key: string]: Snapshot }, shape: { readonly [key: string]: Shape }, out: Finding[]): void {
  for (const key of Object.keys(value)) {
    if (out.length >= MAX_FINDINGS) return;
    const child = `${path}.${key}`;
    if (!Object.hasOwn(shape, key)) {
      out.push(
        schemaWarning(child, `${child} is not in Lean's risk_details schema; it is likely ignored.`, `Known here: ${Object.keys(shape).join(', ')}.`),
      );
      continue;
    }
    checkShape(child, value[key]!, shape[key]!, out);
  }
  if (path.endsWith('.geo_location')) {
    const missing = ['latitude', 'longitude'].filter((k) => value[k] === undefined || unjudgeable(value[k]!));
    if (missing.length === 1) {
      out.push(schemaWarning(path, `${path} needs both latitude and longitude; ${missing[0]} is missing.`, 'Pass both coordinates, or leave geo_location out.'));
    }
  }
}

/** Findings for a present, non-blank `risk_details` value. */
export function checkRiskDetails(path: string, value: Snapshot): Finding[] {
  const kind = kindOf(value);
  if (kind === 'opaque' || kind === 'redacted') return [];
  const out: Finding[] = [];
  if (kind !== 'object') {
    return [typeWarning(path, `${path} is ${describeKind(value)}; expected an object.`, 'Pass risk_details as an object with the schema’s sections.')];
  }
  checkObject(path, value as { [key: string]: Snapshot }, RISK_DETAILS_SCHEMA, out);
  return out;
}
