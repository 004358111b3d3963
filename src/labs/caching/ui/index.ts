// The caching lab's page parts: the keys, settings and findings beside the stage (its charts
// come from the lab's `charts`), and the guided tour.
import type { LabUi } from '../../ui-registry';
import { cachingTour } from '../tour';
import CachingSidePanels from './CachingSidePanels.svelte';

export const cachingUi: LabUi = { side: CachingSidePanels, tour: cachingTour };
