// The sharding lab's page parts: load per shard, the shard map with its split, move and
// repartition buttons, the workload controls and the figures beside the stage, and the tour.
import type { LabUi } from '../../ui-registry';
import { shardingTour } from '../tour';
import ShardingSidePanels from './ShardingSidePanels.svelte';

export const shardingUi: LabUi = { side: ShardingSidePanels, tour: shardingTour };
