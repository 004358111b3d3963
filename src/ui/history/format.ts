// Short words for the CAP panels: seconds for people ("3.2 s"), register values and mode names.

/** Virtual milliseconds as seconds with at most `digits` decimals, trailing zeros dropped: 3200 → "3.2 s". */
export function seconds(timeMs: number, digits = 1): string {
  const text = (timeMs / 1000).toFixed(digits);
  return `${digits > 0 ? text.replace(/\.?0+$/, '') : text} s`;
}

/** A register value as the history shows it: null/undefined read as "nil", arrays as "a→b". */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** "cp" → "CP"; unknown or missing modes stay readable. */
export function modeName(mode: string | null | undefined): string {
  return mode ? mode.toUpperCase() : 'no mode';
}
