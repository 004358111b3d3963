// The balancing lab's page parts: settings, live figures, servers and the queue strip beside the
// stage (its charts come from the lab's `charts`), and the guided tour.
import type { LabUi } from '../../ui-registry';
import { balancingTour } from '../tour';
import BalancingSidePanels from './BalancingSidePanels.svelte';

export const balancingUi: LabUi = { side: BalancingSidePanels, tour: balancingTour };
