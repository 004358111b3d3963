// The CRDT lab's page parts: type, replicas and checkers beside the stage, and its guided tour.
import type { LabUi } from '../../ui-registry';
import { crdtTour } from '../tour';
import CrdtSidePanels from './CrdtSidePanels.svelte';

export const crdtUi: LabUi = { side: CrdtSidePanels, tour: crdtTour };
