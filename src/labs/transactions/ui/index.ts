// The transactions lab's page parts: protocol controls and the coordinator, participants and
// readers' findings beside the stage, and the guided tour.
import type { LabUi } from '../../ui-registry';
import { transactionsTour } from '../tour';
import TransactionsSidePanels from './TransactionsSidePanels.svelte';

export const transactionsUi: LabUi = { side: TransactionsSidePanels, tour: transactionsTour };
