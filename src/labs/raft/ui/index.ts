// The Raft lab's page parts: the generic inspector serves it; it adds its guided tour.
import type { LabUi } from '../../ui-registry';
import { raftTour } from '../tour';

export const raftUi: LabUi = { tour: raftTour };
