// Light, dark or the system's choice: reading and remembering the choice, and applying it to the page.

export type ThemeChoice = 'auto' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];
export const THEME_STORAGE_KEY = 'splitbrain:theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The remembered choice; 'auto' when nothing (or something odd) is stored or storage is off. */
export function readStoredTheme(storage: Pick<Storage, 'getItem'> | null | undefined): ThemeChoice {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(value) ? value : 'auto';
  } catch {
    return 'auto';
  }
}

export function storeTheme(storage: Pick<Storage, 'setItem'> | null | undefined, choice: ThemeChoice): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The first explicit choice among link, embed parameter and storage wins; otherwise 'auto'. */
export function initialTheme(...candidates: readonly unknown[]): ThemeChoice {
  for (const candidate of candidates) if (isThemeChoice(candidate) && candidate !== 'auto') return candidate;
  return 'auto';
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'auto') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** Sets `data-theme` (what the CSS reads) and the colour scheme of native controls. */
export function applyTheme(root: HTMLElement, resolved: ResolvedTheme, choice: ThemeChoice): void {
  root.dataset.theme = resolved;
  root.dataset.themeChoice = choice;
  root.style.colorScheme = resolved;
}

export function themeLabel(choice: ThemeChoice): string {
  return choice === 'auto' ? 'Auto (system)' : choice === 'light' ? 'Light' : 'Dark';
}
