// The messaging lab's page parts: settings, checker findings and broker state beside the stage,
// and the guided tour.
import type { LabUi } from '../../ui-registry';
import { messagingTour } from '../tour';
import MessagingSidePanels from './MessagingSidePanels.svelte';

export const messagingUi: LabUi = { side: MessagingSidePanels, tour: messagingTour };
