import { describe, expect, it } from 'vitest';
import { buildPanelModel } from '../../../lib/panel/rows';
import { currentDocumentEvents, fileName, sdkStatus } from '../../../lib/panel/status';
import { parseCallsite } from '../../../lib/panel/format';
import { moveIndex, scrollToReveal, visibleRange } from '../../../lib/panel/list-nav';
import { applyTheme, systemTheme, themeFromDevtools } from '../../../lib/panel/theme';
import { SessionBuilder, demoEvents, finding } from '../support/panel-helpers';

const status = (events: SessionBuilder['events']) => sdkStatus(events, buildPanelModel(events).rows);

describe('SDK status strip', () => {
  it('reports the current document’s loader, the hook, the environment and the counts', () => {
    const s = status(demoEvents().builder.events);
    expect(s.loader).toMatchObject({ region: 'ae', afterInteraction: false, count: 1, legacy: false });
    expect(fileName(s.loader!.src)).toBe('lean-link-loader.min.js');
    expect(s.hook).toEqual({ state: 'hooked', detail: 'Lean is a class instance' });
    expect(s.environment).toBe('sandbox');
    expect(s).toMatchObject({ calls: 4, failed: 1, noSdk: false });
    expect(s.findings).toEqual({ error: 1, warning: 1, info: 0 });
  });

  it('says when the loader came after a user action, was inserted twice, or is the legacy SDK', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/').loader({ afterInteraction: true }).loader({ src: 'https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js', region: null });
    expect(status(b.events).loader).toMatchObject({ afterInteraction: true, count: 2, region: 'ae' });
    const legacy = new SessionBuilder();
    legacy.loader({ src: 'https://cdn.leantech.me/link/sdk/web/latest/Lean.min.js', region: null });
    expect(status(legacy.events).loader).toMatchObject({ legacy: true, region: null });
  });

  it('says why Lean could not be hooked', () => {
    const b = new SessionBuilder();
    b.loader().sdk('not-hookable', 'window.Lean is a non-configurable getter');
    expect(status(b.events).hook).toEqual({ state: 'not-hookable', detail: 'window.Lean is a non-configurable getter' });
  });

  it('reads the environment from the calls’ sandbox flag as the SDK does (the string "false" is truthy)', () => {
    const b = new SessionBuilder();
    b.call('connect', { sandbox: true });
    expect(status(b.events).environment).toBe('sandbox');
    b.call('pay', { sandbox: false });
    expect(status(b.events).environment).toBe('mixed');
    const prod = new SessionBuilder();
    prod.call('pay', {});
    expect(status(prod.events).environment).toBe('production');
    const str = new SessionBuilder();
    str.call('pay', { sandbox: 'false' }, [finding('error', 'sandbox')]);
    expect(status(str.events).environment).toBe('sandbox');
    expect(status(new SessionBuilder().events).environment).toBeNull();
  });

  it('flags a page with no SDK, judging the current document only', () => {
    const b = new SessionBuilder();
    b.navigate('https://shop.example/');
    expect(status(b.events).noSdk).toBe(true);
    b.loader().sdk();
    expect(status(b.events).noSdk).toBe(false);
    b.navigate('https://shop.example/thanks');
    expect(status(b.events)).toMatchObject({ noSdk: true, loader: null, hook: { state: 'not-seen' } });
    expect(currentDocumentEvents(b.events)).toHaveLength(1);
  });
});

describe('call sites', () => {
  it('shows file:line and keeps the full URL', () => {
    expect(parseCallsite('http://localhost:5173/demo/demo.js:101:7')).toEqual({
      label: 'demo.js:101',
      url: 'http://localhost:5173/demo/demo.js',
      line: 101,
      column: 7,
    });
    expect(parseCallsite('https://x.example/app.js?v=[redacted v …abcd]:3:1')!.label).toBe('app.js:3');
    expect(parseCallsite(null)).toBeNull();
  });
});

describe('virtual list and keyboard', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(visibleRange(0, 220, 22, 10_000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRange(22_000, 220, 22, 10_000, 5)).toEqual({ first: 995, last: 1015 });
    expect(visibleRange(999_999, 220, 22, 100, 5)).toEqual({ first: 100, last: 100 });
    expect(visibleRange(0, 220, 22, 0)).toEqual({ first: 0, last: 0 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(0, 44, 220, 22)).toBe(0);
    expect(scrollToReveal(20, 0, 220, 22)).toBe(22 * 21 - 220);
    expect(scrollToReveal(3, 0, 220, 22)).toBeNull();
  });

  it('moves with arrows, Home/End and pages, clamped to the list', () => {
    expect(moveIndex('ArrowDown', -1, 5, 10)).toBe(0);
    expect(moveIndex('ArrowUp', -1, 5, 10)).toBe(4);
    expect(moveIndex('ArrowDown', 4, 5, 10)).toBe(4);
    expect(moveIndex('ArrowUp', 0, 5, 10)).toBe(0);
    expect(moveIndex('End', 0, 5, 10)).toBe(4);
    expect(moveIndex('Home', 3, 5, 10)).toBe(0);
    expect(moveIndex('PageDown', 0, 100, 10)).toBe(9);
    expect(moveIndex('PageUp', 50, 100, 10)).toBe(41);
    expect(moveIndex('x', 0, 5, 10)).toBeNull();
    expect(moveIndex('ArrowDown', 0, 0, 10)).toBeNull();
  });
});

describe('theme', () => {
  it('follows DevTools’ theme name, else the system’s prefers-color-scheme', () => {
    expect(themeFromDevtools('dark')).toBe('dark');
    expect(themeFromDevtools('default')).toBe('light');
    expect(themeFromDevtools('light')).toBe('light');
    expect(themeFromDevtools('none')).toBeNull();
    expect(themeFromDevtools(undefined)).toBeNull();
    const root = { dataset: {} as DOMStringMap };
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, themeFromDevtools('none') ?? systemTheme(false));
    expect(root.dataset.theme).toBe('light');
    applyTheme(root, themeFromDevtools(undefined) ?? systemTheme(true));
    expect(root.dataset.theme).toBe('dark');
  });
});
