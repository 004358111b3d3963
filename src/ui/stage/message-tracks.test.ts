// Message tracks: leave from the sender's drawn place (a client beside its home too), point the
// way they go, and show only while the message is on the wire.
import { describe, expect, it } from 'vitest';
import type { InFlightMessage } from '../../engine/frame';
import { layoutStage } from './layouts';
import { drawMessages, messageTracks } from './message-tracks';

const layout = layoutStage(
  [
    { id: 'n1', role: 'server', home: null },
    { id: 'n2', role: 'server', home: null },
    { id: 'n3', role: 'server', home: null },
    { id: 'c1', role: 'client', home: 'n2' },
  ],
  { layout: 'ring' },
);

const message = (overrides: Partial<InFlightMessage>): InFlightMessage => ({
  id: 1, from: 'n1', to: 'n2', type: 'Ping', label: 'ping', kind: 'ping', sentAtMs: 100, deliverAtMs: 200, fate: 'in-flight', ...overrides,
});

describe('messageTracks', () => {
  it('starts a client’s message at the client, not at its home', () => {
    const [track] = messageTracks([message({ from: 'c1', to: 'n1' })], layout.byId);
    const c1 = layout.byId.get('c1')!;
    const n2 = layout.byId.get('n2')!;
    const distance = (p: { x: number; y: number }) => Math.hypot(track.lane.start.x - p.x, track.lane.start.y - p.y);
    expect(distance(c1)).toBeLessThan(distance(n2));
    expect(distance(c1)).toBeLessThan(c1.radius + 10);
  });

  it('points the arrowhead from sender to receiver', () => {
    const [there, back] = messageTracks([message({}), message({ id: 2, from: 'n2', to: 'n1' })], layout.byId);
    expect(Math.abs(Math.abs(there.angleDeg - back.angleDeg) - 180)).toBeLessThan(1e-6);
  });

  it('skips messages to actors not on the stage', () => {
    expect(messageTracks([message({ to: 'ghost' })], layout.byId)).toEqual([]);
  });
});

describe('drawMessages', () => {
  const tracks = messageTracks([message({}), message({ id: 2, sentAtMs: 300, deliverAtMs: 400 })], layout.byId);

  it('draws only messages on the wire at the display time, halfway at half time', () => {
    const drawn = drawMessages(tracks, 150, false);
    expect(drawn.map((d) => d.track.message.id)).toEqual([1]);
    expect(drawn[0].progress).toBe(0.5);
    expect(drawn[0].labelled).toBe(true);
  });

  it('jumps rather than glides with reduced motion', () => {
    expect(drawMessages(tracks, 140, true)[0].progress).toBe(0);
    expect(drawMessages(tracks, 160, true)[0].progress).toBe(1);
  });
});
