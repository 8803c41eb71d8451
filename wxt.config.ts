import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { noHtmlSinks } from './build/no-html-sinks';

// The fixed id keeps storage and the store listing stable across builds.
const GECKO_ID = 'lean-devtools@lean-devtools.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  publicDir: 'assets',
  vite: () => ({ plugins: [noHtmlSinks(), preact()] }),
  hooks: {
    // The sentinel is an unlisted script (no WXT content-script context, no polyfill): declared
    // here as the isolated-world content script of every frame.
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.content_scripts ??= [];
      manifest.content_scripts.push({
        matches: ['<all_urls>'],
        js: ['sentinel.js'],
        run_at: 'document_start',
        all_frames: true,
        match_about_blank: true,
      });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Lean DevTools',
    description:
      'Debug Lean Link Web SDK integrations: every call and callback, config validation and a CSP audit, in a DevTools panel.',
    // activeTab: the popup reads the URL of the tab it was opened on, to offer "Enable on this site".
    // scripting: the relay is injected only into frames that have to do with Lean (lib/relay/sentinel.ts).
    permissions: ['storage', 'webRequest', 'activeTab', 'scripting'],
    // Granted at install (every site); per-site mode drops it (docs/security.md, "Per-site mode").
    host_permissions: ['<all_urls>'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: first version with data_collection_permissions (MAIN world needs 128).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
