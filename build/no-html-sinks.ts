import type { Plugin } from 'vite';

/**
 * Compiles Preact's `dangerouslySetInnerHTML` path out of the bundle. The extension renders
 * page data as text only; with this, no code path can write HTML at all, and Firefox's
 * linter (`web-ext lint`) has no innerHTML assignment to warn about. The build fails if a
 * Preact upgrade changes the shape, so the sink can never come back silently.
 */
export function noHtmlSinks(): Plugin {
  const assignment = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
  return {
    name: 'lean:no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.m?js$/.test(id.split('?')[0]!)) return null;
      const out = code.replace(assignment, 'void 0');
      if (/\.innerHTML\s*=(?!=)/.test(out)) this.error(`Preact writes innerHTML in an unexpected place: ${id}`);
      return { code: out, map: null };
    },
  };
}
