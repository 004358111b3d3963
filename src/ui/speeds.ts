// The playback speeds on offer, from one hundredth of real time to fast-forward.

export interface SpeedOption {
  value: number;
  label: string;
}

export const SPEEDS: readonly SpeedOption[] = [
  { value: 0.01, label: '1/100×' },
  { value: 0.1, label: '1/10×' },
  { value: 0.25, label: '1/4×' },
  { value: 1, label: '1×' },
  { value: 4, label: '4×' },
  { value: 16, label: '16×' },
  { value: 100, label: 'Fast (100×)' },
];

/** Slow enough that a 20 ms message is visible for a fifth of a second. */
export const SPEED_DEFAULT = 0.1;

export function speedLabel(value: number): string {
  return SPEEDS.find((option) => option.value === value)?.label ?? `${value}×`;
}
