// The hashing lab's page parts: placement controls and charts beside the stage, the ring under
// it, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { hashingTour } from '../tour';
import HashingSidePanels from './HashingSidePanels.svelte';
import RingPanel from './RingPanel.svelte';

export const hashingUi: LabUi = { side: HashingSidePanels, wide: RingPanel, tour: hashingTour };
