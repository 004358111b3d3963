// The retries lab's page parts: settings, rounds, ledger and the backoff experiment beside the
// stage, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { retriesTour } from '../tour';
import RetriesSidePanels from './RetriesSidePanels.svelte';

export const retriesUi: LabUi = { side: RetriesSidePanels, tour: retriesTour };
