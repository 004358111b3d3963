// The stage layout a lab asked for, from its StageSpec.
import type { StageSpec } from '../../../labs/define-lab';
import { gridLayout } from './grid';
import { hashRingLayout } from './hash-ring';
import { lanesLayout } from './lanes';
import { ringLayout } from './ring';
import { tiersLayout } from './tiers';
import type { StageActor, StageLayout } from './types';

export type { Guide, LabelPlacement, PlacedActor, StageActor, StageLayout } from './types';
export { fnv1a32, hashAngle, hashFraction, hashRingPoint, ringHash } from './hash';
export { HASH_RING } from './hash-ring';

export interface LayoutOptions {
  /** Largest node radius (a small stage draws fewer, larger nodes' worth of detail). */
  radiusMax?: number;
}

export function layoutStage(actors: readonly StageActor[], spec: Pick<StageSpec, 'layout' | 'tiers'>, options: LayoutOptions = {}): StageLayout {
  switch (spec.layout) {
    case 'hash-ring':
      return hashRingLayout(actors);
    case 'tiers':
      return tiersLayout(actors, spec.tiers);
    case 'lanes':
      return lanesLayout(actors);
    case 'grid':
      return gridLayout(actors);
    case 'ring':
    default:
      return ringLayout(actors, options.radiusMax);
  }
}
