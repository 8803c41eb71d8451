// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_META_POLICIES, MAX_META_POLICY_CHARS, watchDom } from '../../../lib/relay/dom-watch';
import type { CspPolicy } from '../../../lib/model/types';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function cspMeta(content: string): HTMLMetaElement {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = content;
  return meta;
}

describe('the relay collects <meta> CSP policies as browsers apply them', () => {
  let stop = (): void => undefined;
  afterEach(() => {
    stop();
    document.head.replaceChildren();
    document.body.replaceChildren();
  });

  function watch(): CspPolicy[][] {
    const seen: CspPolicy[][] = [];
    stop = watchDom(window, document, { event: () => undefined, metaPolicies: (p) => seen.push(p), refused: () => undefined }, () => 0);
    return seen;
  }

  it('a <meta> added to <head> after load is collected, with the ones before it', async () => {
    document.head.append(cspMeta("default-src 'self'"));
    const seen = watch();
    document.head.append(cspMeta("connect-src 'self'"));
    await tick();
    expect(seen.at(-1)).toEqual([
      { source: 'meta', disposition: 'enforce', text: "default-src 'self'" },
      { source: 'meta', disposition: 'enforce', text: "connect-src 'self'" },
    ]);
  });

  it('a <meta> outside <head> is ignored, as Chromium ignores it', async () => {
    document.body.append(cspMeta("img-src 'none'"));
    const seen = watch();
    const wrapper = document.createElement('div');
    wrapper.append(cspMeta("connect-src 'none'"));
    document.body.append(wrapper);
    await tick();
    expect(seen).toEqual([]);
  });

  it('a <meta> policy beyond the count or length the relay keeps is left out and counted as refused', async () => {
    let refused = 0;
    const seen: CspPolicy[][] = [];
    stop = watchDom(window, document, { event: () => undefined, metaPolicies: (p) => seen.push(p), refused: () => refused++ }, () => 0);
    document.head.append(cspMeta(`img-src ${'x'.repeat(MAX_META_POLICY_CHARS)}`));
    for (let i = 0; i <= MAX_META_POLICIES; i++) document.head.append(cspMeta(`img-src https://${i}.example`));
    await tick();
    expect(seen.at(-1)).toHaveLength(MAX_META_POLICIES);
    expect(refused).toBe(2);
  });
});
