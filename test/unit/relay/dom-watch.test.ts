// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { watchDom } from '../../../lib/relay/dom-watch';
import type { SessionEvent } from '../../../lib/model/types';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const LOADER = 'https://cdn.leantech.me/link/loader/prod/sa/latest/lean-link-loader.min.js';

function script(src: string): HTMLScriptElement {
  const element = document.createElement('script');
  element.type = 'text/plain'; // not run by happy-dom; the relay reads `src` only
  element.src = src;
  return element;
}

describe('the relay reports Lean loader scripts as they are inserted', () => {
  let stop = (): void => undefined;
  afterEach(() => {
    stop();
    document.body.replaceChildren();
  });

  function watch(): Partial<SessionEvent>[] {
    const seen: Partial<SessionEvent>[] = [];
    stop = watchDom(window, document, { event: (e) => seen.push(e), metaPolicies: () => undefined, refused: () => undefined }, () => 0);
    return seen;
  }

  it('a loader inside an inserted subtree is reported once, however often the DOM changes after', async () => {
    const seen = watch();
    const wrapper = document.createElement('div');
    wrapper.append(script(LOADER));
    document.body.append(wrapper);
    await tick();
    document.body.append(document.createElement('p'), document.createElement('p'));
    await tick();
    expect(seen).toEqual([expect.objectContaining({ type: 'loader', region: 'sa' })]);
  });

  it('other scripts are not reported', async () => {
    const seen = watch();
    document.body.append(script('https://shop.example/app.js'), script('https://cdn.example/link.js'));
    await tick();
    expect(seen).toEqual([]);
  });
});
