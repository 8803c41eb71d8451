/** The `customization` object: which keys exist and what their values look like. */
import { SRC } from './sources';

export type CustomizationValue = 'color' | 'numeric-string' | 'any';

export interface CustomizationKey {
  value: CustomizationValue;
  source: string;
}

export const CUSTOMIZATION_KEYS: Readonly<Record<string, CustomizationKey>> = {
  // §1, documented examples
  theme_color: { value: 'color', source: SRC.customization },
  button_text_color: { value: 'color', source: SRC.customization },
  button_border_radius: { value: 'numeric-string', source: SRC.customization },
  // §2, more customization keys
  link_color: { value: 'color', source: SRC.customization2 },
  overlay_color: { value: 'color', source: SRC.customization2 },
  dialog_mode: { value: 'any', source: SRC.customization2 },
  bottom_inset: { value: 'any', source: SRC.customization2 },
};

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
// Each number reads one way only (`\d+(?:\.\d*)?`, not `\d+\.?\d*`): the engine never tries
// the ways to split a run of digits, so a check takes linear time on any string.
const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;
const CHANNEL = `${NUM}%?`;
const ALPHA = `${NUM}%?`;
const RGB_COMMA = new RegExp(
  String.raw`^rgba?\(\s*${CHANNEL}\s*,\s*${CHANNEL}\s*,\s*${CHANNEL}\s*(?:,\s*${ALPHA}\s*)?\)$`,
  'i',
);
const RGB_SPACE = new RegExp(
  String.raw`^rgba?\(\s*${CHANNEL}\s+${CHANNEL}\s+${CHANNEL}\s*(?:\/\s*${ALPHA}\s*)?\)$`,
  'i',
);

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` or `rgba(…)` (comma or space syntax). */
export function isColor(value: string): boolean {
  const text = value.trim();
  return HEX.test(text) || RGB_COMMA.test(text) || RGB_SPACE.test(text);
}

/** A likely intended colour for a near miss (`0080ff` → `#0080ff`), or null. */
export function colorFix(value: string): string | null {
  const text = value.trim();
  if (/^(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(text)) return '#' + text;
  return null;
}

/** `"8"`, `"8.5"`: what button_border_radius expects. */
export function isNumericString(value: string): boolean {
  return /^\s*\d+(?:\.\d+)?\s*$/.test(value);
}
