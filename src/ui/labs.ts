// The labs the page offers in its menu (hidden ones open only by link), from the registry.
import type { LabDefinition } from '../labs/define-lab';
import { DEFAULT_LAB_ID, findLab, LABS } from '../labs/registry';

export const DEFAULT_LAB = DEFAULT_LAB_ID;

/** The labs listed in the menu, plus `current` if it is a hidden one being shown. */
export function menuLabs(current: string): LabDefinition[] {
  return LABS.filter((lab) => !lab.hidden || lab.id === current);
}

/** The lab's short name, or its id for a lab this version does not have. */
export function labName(id: string): string {
  return findLab(id)?.name ?? id;
}
