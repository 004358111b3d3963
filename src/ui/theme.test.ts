// @vitest-environment happy-dom
// Theme choice: what is remembered, what wins, and what the page ends up with.
import { describe, expect, it } from 'vitest';
import { applyTheme, initialTheme, readStoredTheme, resolveTheme, storeTheme, THEME_STORAGE_KEY } from './theme';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
}

describe('theme', () => {
  it('reads and writes the remembered choice, tolerating odd values and broken storage', () => {
    const storage = memoryStorage();
    expect(readStoredTheme(storage)).toBe('auto');
    storeTheme(storage, 'dark');
    expect(storage.values.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readStoredTheme(storage)).toBe('dark');
    expect(readStoredTheme(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBe('auto');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(readStoredTheme(broken)).toBe('auto');
    expect(() => storeTheme(broken, 'light')).not.toThrow();
    expect(readStoredTheme(null)).toBe('auto');
  });

  it('takes the first explicit choice', () => {
    expect(initialTheme(undefined, 'dark', 'light')).toBe('dark');
    expect(initialTheme('auto', undefined, 'light')).toBe('light');
    expect(initialTheme('auto', 'nonsense', 'auto')).toBe('auto');
  });

  it('follows the system only on auto', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('marks the root element for the stylesheet', () => {
    const root = document.createElement('html');
    applyTheme(root, 'dark', 'auto');
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.themeChoice).toBe('auto');
    expect(root.style.colorScheme).toBe('dark');
  });
});
