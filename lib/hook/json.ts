/**
 * JSON text of the hook's own data (events built from snapshots: strings, numbers,
 * booleans, null, arrays, plain records), without `JSON.stringify`'s walk over objects:
 * that walk looks up `toJSON` on every object and array, and a page running Prototype.js
 * 1.6 has `Array.prototype.toJSON` (returning a JSON string), so every array would be
 * encoded twice and the relay would refuse the event. Only primitives reach the captured
 * `JSON.stringify` (which looks up `toJSON` on objects only), for its escaping.
 *
 * Same output as `JSON.stringify` for such data: `undefined` and functions are left out of
 * records and are `null` in arrays, as are non-finite numbers.
 */
import { isArray, jsonStringify, objectKeys } from '../model/intrinsics';

export function toJson(value: unknown): string {
  return encode(value) ?? 'null';
}

/** The JSON text of `value`, or undefined for what JSON leaves out (`undefined`, functions, symbols). */
function encode(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return jsonStringify(value) as string;
    case 'object':
      if (value === null) return 'null';
      return isArray(value) ? encodeArray(value) : encodeRecord(value as Record<string, unknown>);
    default:
      return undefined;
  }
}

function encodeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : ',') + (encode(items[i]) ?? 'null');
  return out + ']';
}

function encodeRecord(record: Record<string, unknown>): string {
  const keys = objectKeys(record);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const json = encode(record[key]);
    if (json === undefined) continue;
    out += (first ? '' : ',') + (jsonStringify(key) as string) + ':' + json;
    first = false;
  }
  return out + '}';
}
