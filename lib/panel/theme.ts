/**
 * The panel follows DevTools' theme when it runs inside DevTools
 * (`devtools.panels.themeName`: Chrome says "default" or "dark", Firefox "light", "dark"
 * or "none"), else the system's `prefers-color-scheme`.
 */
export type Theme = 'light' | 'dark';

export function themeFromDevtools(themeName: string | null | undefined): Theme | null {
  if (themeName === 'dark') return 'dark';
  if (themeName === 'default' || themeName === 'light') return 'light';
  return null;
}

/** The system's theme, for a panel outside DevTools (or a DevTools theme we don't know). */
export function systemTheme(prefersDark: boolean): Theme {
  return prefersDark ? 'dark' : 'light';
}

/** Applies a theme: the CSS keys every dark colour on `data-theme="dark"`, one place only. */
export function applyTheme(root: { dataset: DOMStringMap }, theme: Theme): void {
  root.dataset.theme = theme;
}
