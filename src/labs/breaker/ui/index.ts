// The breaker lab's page parts: the live statecharts, controls and checks beside the stage, and
// the guided tour.
import type { LabUi } from '../../ui-registry';
import { breakerTour } from '../tour';
import BreakerSidePanels from './BreakerSidePanels.svelte';

export const breakerUi: LabUi = { side: BreakerSidePanels, tour: breakerTour };
