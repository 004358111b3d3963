// The Paxos lab's page parts: switches, the log of chosen values and the proposers beside the
// stage, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { paxosTour } from '../tour';
import PaxosSidePanels from './PaxosSidePanels.svelte';

export const paxosUi: LabUi = { side: PaxosSidePanels, tour: paxosTour };
