// The clocks lab's page parts: event controls and the checker beside the stage, the event diagram
// under it, and its guided tour.
import type { LabUi } from '../../ui-registry';
import { clocksTour } from '../tour';
import ClocksDiagram from './ClocksDiagram.svelte';
import ClocksSidePanels from './ClocksSidePanels.svelte';

export const clocksUi: LabUi = { side: ClocksSidePanels, wide: ClocksDiagram, tour: clocksTour };
