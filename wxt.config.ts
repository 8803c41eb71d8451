import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Firefox runs MAIN-world content scripts from 128 on; the fixed id keeps storage and
// the store listing stable across builds.
const GECKO_ID = 'lean-devtools@lean-devtools.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  publicDir: 'assets',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Lean DevTools',
    description:
      'Debug Lean Link Web SDK integrations: every call and callback, config validation and a CSP audit, in a DevTools panel.',
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
