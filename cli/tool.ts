/** Name and version, from package.json at build time (`scripts/build-package.ts`). */
declare const __LEAN_DEVTOOLS_VERSION__: string | undefined;

export const TOOL = {
  name: 'lean-devtools',
  version: typeof __LEAN_DEVTOOLS_VERSION__ === 'string' ? __LEAN_DEVTOOLS_VERSION__ : '0.0.0-dev',
};
