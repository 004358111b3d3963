// A CLI run line's fields for the locks lab, and when a run fails: the storage is only promised
// to be safe with fencing on and a lock service that hands out real fencing tokens (one durable
// lock node). Double writes then mean the fencing check is wrong; a mutex history that is not
// linearizable with durable lock nodes means the lock node is.
import type { Simulation } from '../../engine/simulation';
import { checkLockService } from './checks';
import { summarize } from './projection';

export function locksVerdict(sim: Simulation): { fields: Record<string, unknown>; failed: boolean } {
  const mutex = checkLockService(sim.world.history);
  const view = summarize(sim, mutex);
  const storage = view.storage;
  const settings = view.settings;
  const fields = {
    service: settings.service,
    fencing: settings.fencing,
    leaseMs: settings.leaseMs,
    writes: storage?.applied ?? 0,
    counter: storage?.value ?? 0,
    doubleWrites: storage?.doubleWrites ?? 0,
    lostIncrements: storage?.lostIncrements ?? 0,
    rejected: storage?.rejected ?? 0,
    lateWrites: view.lateWrites,
    lockServiceLinearizable: mutex.linearizable,
    ...(mutex.explanation ? { lockServiceExplanation: mutex.explanation } : {}),
  };
  const promised = settings.fencing && settings.service === 'single' && view.durable && !sim.world.labState.locks;
  const unsafe = (storage?.doubleWrites ?? 0) > 0 || (storage?.lostIncrements ?? 0) > 0;
  return { fields, failed: (promised && unsafe) || (view.durable && mutex.linearizable === false) };
}
