// The locks lab's page parts: settings, lease holders and checker findings beside the stage, and
// the guided tour.
import type { LabUi } from '../../ui-registry';
import { locksTour } from '../tour';
import LocksSidePanels from './LocksSidePanels.svelte';

export const locksUi: LabUi = { side: LocksSidePanels, tour: locksTour };
