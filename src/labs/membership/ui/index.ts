// The membership lab's page parts: controls, presence and detection findings beside the stage,
// and the guided tour.
import type { LabUi } from '../../ui-registry';
import { membershipTour } from '../tour';
import MembershipSidePanels from './MembershipSidePanels.svelte';

export const membershipUi: LabUi = { side: MembershipSidePanels, tour: membershipTour };
