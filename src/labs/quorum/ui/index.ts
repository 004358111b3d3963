// The quorum lab's page parts: settings and findings beside the stage, the client history under
// it, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { quorumTour } from '../tour';
import QuorumHistoryPanel from './QuorumHistoryPanel.svelte';
import QuorumSidePanels from './QuorumSidePanels.svelte';

export const quorumUi: LabUi = { side: QuorumSidePanels, wide: QuorumHistoryPanel, tour: quorumTour };
