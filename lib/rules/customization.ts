/**
 * The `customization` object: its documented keys and what their values look like (seed §1
 * examples; link-sdk-react-native src/types/sdk.ts CustomizationOptions; the iOS README's
 * formats). The typings admit any other key, so other keys are not findings.
 */
export type CustomizationValue = 'color' | 'numeric-string' | 'any';

export const CUSTOMIZATION_KEYS: Readonly<Record<string, { value: CustomizationValue }>> = {
  theme_color: { value: 'color' },
  button_text_color: { value: 'color' },
  button_border_radius: { value: 'numeric-string' },
  link_color: { value: 'color' },
  overlay_color: { value: 'color' },
  dialog_mode: { value: 'any' },
  bottom_inset: { value: 'any' },
};

/** The CSS named colours (CSS Color 4), the form Lean's own examples use (`white`, `red`). */
const NAMED_COLORS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato transparent turquoise violet ' +
    'wheat white whitesmoke yellow yellowgreen'
  ).split(' '),
);

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
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
const HUE = `${NUM}(?:deg|rad|grad|turn)?`;
const HSL_COMMA = new RegExp(String.raw`^hsla?\(\s*${HUE}\s*,\s*${CHANNEL}\s*,\s*${CHANNEL}\s*(?:,\s*${ALPHA}\s*)?\)$`, 'i');
const HSL_SPACE = new RegExp(String.raw`^hsla?\(\s*${HUE}\s+${CHANNEL}\s+${CHANNEL}\s*(?:\/\s*${ALPHA}\s*)?\)$`, 'i');

/** A CSS colour: a named colour, `#rgb[a]`, `#rrggbb[aa]`, `rgb[a](…)` or `hsl[a](…)` (comma or space syntax). */
export function isColor(value: string): boolean {
  const text = value.trim();
  if (NAMED_COLORS.has(text.toLowerCase())) return true;
  return HEX.test(text) || RGB_COMMA.test(text) || RGB_SPACE.test(text) || HSL_COMMA.test(text) || HSL_SPACE.test(text);
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
