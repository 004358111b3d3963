// The overload lab's page parts: the service's state, settings and counts beside the stage (its
// charts come from the lab's `charts`), and the guided tour.
import type { LabUi } from '../../ui-registry';
import { overloadTour } from '../tour';
import OverloadSidePanels from './OverloadSidePanels.svelte';

export const overloadUi: LabUi = { side: OverloadSidePanels, tour: overloadTour };
