/**
 * The shape of a value as `capture` (`./snapshot`) keeps it, between the copy in the page's call
 * and the redaction at the recorder's flush: shared by the walker and its per-type encoders
 * (`./describe`).
 */

/**
 * One value as `capture` keeps it: numbers, booleans and null final; strings the page's
 * own, redacted later; arrays of captured values; and the nodes below.
 */
export type CapturedValue = string | number | boolean | null | CapturedValue[] | CapturedNode;

/** `text` is a marker, final as it is (never redacted again: limits could cut it). */
export const FINAL = 0;
/** `text` is a function's name, unredacted. */
export const FUNCTION = 1;
/** `text` is a secret key; `raw` its string value, or null for any other value. */
export const SECRET = 2;
/** An object: `keys` (unredacted) and their `values`, in order. */
export const RECORD = 3;

/** Built as object literals: their fields are defined, so no setter on `Object.prototype` is reached. */
export interface CapturedNode {
  kind: number;
  text: string;
  raw: string | null;
  keys: string[] | null;
  values: CapturedValue[] | null;
}

export function node(
  kind: number,
  text: string,
  raw: string | null,
  keys: string[] | null,
  values: CapturedValue[] | null,
): CapturedNode {
  return { kind, text, raw, keys, values };
}

export function final(marker: string): CapturedNode {
  return node(FINAL, marker, null, null, null);
}
