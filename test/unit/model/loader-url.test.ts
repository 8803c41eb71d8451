/** Spec: the loader URL names which SDK the page runs (docs/lean-sdk-reference.md §1). */
import { describe, expect, it } from 'vitest';
import { parseLoaderUrl, webBundleOf } from '../../../lib/model/loader-url';

describe('parseLoaderUrl', () => {
  it('reads the regional loader and its region', () => {
    expect(parseLoaderUrl('https://cdn.leantech.me/link/loader/prod/sa/latest/lean-link-loader.min.js')).toEqual({ sdk: 'loader', region: 'sa', version: null });
  });

  it('reads the older bundle, its version and its KSA build', () => {
    expect(parseLoaderUrl('https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js')).toEqual({ sdk: 'web-bundle', region: null, version: 'latest' });
    expect(parseLoaderUrl('https://cdn.leantech.me/sa/link/sdk/web/v1.5.3/Lean.min.js?x=1')).toEqual({ sdk: 'web-bundle', region: 'sa', version: 'v1.5.3' });
  });

  it('is null for other scripts', () => {
    expect(parseLoaderUrl('https://cdn.example/Lean.min.js')).toBeNull();
  });
});

describe('webBundleOf', () => {
  it('is null for the loader and for a bundle path without a version folder', () => {
    expect(webBundleOf('https://cdn.leantech.me/link/loader/prod/ae/latest/lean-link-loader.min.js')).toBeNull();
    expect(webBundleOf('https://cdn.leantech.me/link/sdk/web/Lean.min.js')).toBeNull();
  });
});
