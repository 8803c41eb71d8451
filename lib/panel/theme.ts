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

/** Applies a theme, or removes the attribute so the CSS falls back to prefers-color-scheme. */
export function applyTheme(root: { dataset: DOMStringMap }, theme: Theme | null): void {
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
}
