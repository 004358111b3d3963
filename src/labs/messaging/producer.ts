// A producer publishes a message to the broker every so often: a key, an amount, and (every
// `poisonEvery`th message) a poison payload no unpatched consumer can process. Fire and forget:
// a publish lost on the wire was never produced (producer retries and their duplicates are
// another lesson).
import type { ControlAction, NodeView, Protocol, Step } from '../../engine/types';
import { readSettings, type MessagingSettings } from './settings';
import { KEYS, type Item } from './wire';

export interface ProducerState {
  settings: MessagingSettings;
  sent: number;
}

const PRODUCE = 'produce';
export const BROKER_ID = 'b1';

function schedule(settings: MessagingSettings) {
  const mean = settings.produceEveryMs;
  return { kind: 'set-timer' as const, timer: PRODUCE, range: { minMs: Math.ceil(mean / 2), maxMs: Math.ceil((mean * 3) / 2) }, quiet: true };
}

export const producer: Protocol<ProducerState, ProducerState> = {
  id: 'messaging-producer',
  init(ctx) {
    const settings = readSettings(ctx.params);
    return [{ settings, sent: 0 }, [schedule(settings)]];
  },
  onMessage: (state) => [state, []],
  onTimer(state, timer, ctx): Step<ProducerState> {
    if (timer !== PRODUCE) return [state, []];
    const id = ctx.next('message', 1);
    const { poisonEvery } = state.settings;
    const item: Item = { id, key: KEYS[ctx.rng.int(KEYS.length)], amount: 1 + ctx.rng.int(9), poison: poisonEvery > 0 && id % poisonEvery === 0, producer: ctx.id };
    return [{ ...state, sent: state.sent + 1 }, [{ kind: 'send', to: BROKER_ID, message: { type: 'Publish', item } }, schedule(state.settings)]];
  },
  onControl(state, control: ControlAction) {
    if (control.do !== 'configure') return [state, []];
    return [{ ...state, settings: control.settings as MessagingSettings }, []];
  },
  persisted: (state) => state,
  recover: (saved) => [saved, [schedule(saved.settings)]],
  view: (state): NodeView => ({
    role: 'producer',
    summary: `published ${state.sent}`,
    badge: String(state.sent),
    details: { published: state.sent, poisonEvery: state.settings.poisonEvery },
  }),
};
