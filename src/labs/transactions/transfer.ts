// How a transfer spreads over the participants: the account it comes from is debited the amount,
// and the others are credited shares of it that add up to the amount, so every transfer moves
// money without making or destroying any. The debit goes first (a saga's first step).
import type { NodeId } from '../../engine/types';

export interface Part {
  id: NodeId;
  delta: number;
}

/** `from` indexes the participants (taken modulo their count). */
export function transferParts(participants: readonly NodeId[], from: number, amount: number): Part[] {
  if (participants.length === 0) return [];
  const source = participants[((from % participants.length) + participants.length) % participants.length];
  const others = participants.filter((id) => id !== source);
  if (others.length === 0) return [{ id: source, delta: 0 }];
  const share = Math.floor(amount / others.length);
  const remainder = amount - share * others.length;
  return [{ id: source, delta: -amount }, ...others.map((id, i) => ({ id, delta: share + (i === 0 ? remainder : 0) }))];
}

export function describeParts(parts: readonly Part[]): string {
  return parts.map((part) => `${part.id} ${part.delta >= 0 ? '+' : ''}${part.delta}`).join(', ');
}
