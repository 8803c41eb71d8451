/**
 * The same extension built for profiling (`npx tsx bench/profile.ts`): not minified, so
 * CPU profiles name our functions, into .bench/profile-build/ so it never touches the
 * .output/ build that the tests and the benchmark use.
 */
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  outDir: '.bench/profile-build',
  vite: (env) => {
    const inherited = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...inherited, build: { ...(inherited as { build?: object }).build, minify: false } };
  },
});
