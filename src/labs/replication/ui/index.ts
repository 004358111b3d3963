// The replication lab's page parts: its side panels and its guided tour.
import type { LabUi } from '../../ui-registry';
import { replicationTour } from '../tour';
import ReplicationSidePanels from './ReplicationSidePanels.svelte';

export const replicationUi: LabUi = { side: ReplicationSidePanels, tour: replicationTour };
