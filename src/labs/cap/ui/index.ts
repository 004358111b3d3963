// The CAP lab's page parts: mode and checker panels, the client history, a verdict chip for
// embeds, and its guided tour.
import type { LabUi } from '../../ui-registry';
import { capTour } from '../tour';
import CapChip from './CapChip.svelte';
import CapHistoryPanel from './CapHistoryPanel.svelte';
import CapSidePanels from './CapSidePanels.svelte';

export const capUi: LabUi = { side: CapSidePanels, wide: CapHistoryPanel, chip: CapChip, tour: capTour };
