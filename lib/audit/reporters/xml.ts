/**
 * XML 1.0 text for any page string: characters XML forbids (C0 controls other than tab, LF and
 * CR, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, markup characters become references, and
 * CR, LF and tab are written as character references wherever a parser would normalise them
 * (attributes; CR in text). No CDATA sections: escaped text has no `]]>` to break out of.
 */

/** Everything outside XML 1.0's `Char` production. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const TEXT_REFERENCES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_REFERENCES: Readonly<Record<string, string>> = { ...TEXT_REFERENCES, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

/** `value` with every character XML 1.0 cannot hold replaced by U+FFFD: what a parser reads back. */
export function xmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '\ufffd');
}

/** Element content. */
export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>\r]/g, (c) => TEXT_REFERENCES[c]!);
}

/** A double-quoted attribute value. */
export function xmlAttribute(value: string): string {
  return xmlChars(value).replace(/[&<>"\r\n\t]/g, (c) => ATTRIBUTE_REFERENCES[c]!);
}

/** `<name a="…" …>` content `</name>`, or `<name … />` without content; attributes whose value is undefined are left out. */
export function element(name: string, attributes: Readonly<Record<string, string | number | undefined>>, children: readonly string[] | string | null = null): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
  if (children === null || children.length === 0) return `<${name}${attrs}/>`;
  if (typeof children === 'string') return `<${name}${attrs}>${xmlText(children)}</${name}>`;
  return `<${name}${attrs}>\n${children.join('\n')}\n</${name}>`;
}
