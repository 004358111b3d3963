// The trust lab's page parts: the attacker and defence switches and the replicas' findings
// beside the stage, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { trustTour } from '../tour';
import TrustSidePanels from './TrustSidePanels.svelte';

export const trustUi: LabUi = { side: TrustSidePanels, tour: trustTour };
