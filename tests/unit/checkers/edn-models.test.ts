// Jepsen/Knossos EDN histories for the other models: mutex (:acquire/:release), multi-register
// :txn read as the kv model, a set read as #{…}, and a history of nothing but nemesis operations.

import { describe, expect, it } from 'vitest';
import { checkHistoryLinearizability, findModel, parseEdnHistory, parseHistory, parseJsonHistory } from '../../../src/checkers/index';

function parsed(text: string, model?: string) {
  const result = parseEdnHistory(text, model === undefined ? undefined : findModel(model));
  if (!result.ok) throw new Error(result.error);
  return result.history;
}

function verdict(text: string, model: string, initialState?: 'nil' | 'unknown') {
  const checked = checkHistoryLinearizability(parsed(text, model), { model, initialState });
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.result;
}

describe('EDN histories of other models', () => {
  it('a history of only nemesis operations is valid and empty, an empty file is not a history', () => {
    const nemesis = '[{:process :nemesis, :type :info, :f :isolate, :value nil}\n {:process :nemesis, :type :info, :f :kill, :value nil}]';
    const result = parseHistory('history.edn', nemesis);
    expect(result).toEqual({ ok: true, history: [], lines: [], format: 'edn' });
    const checked = checkHistoryLinearizability([]);
    expect(checked.ok && checked.result).toMatchObject({ valid: true, ops: 0 });
    expect(parseEdnHistory('').ok).toBe(false);
  });

  it('reads a Knossos mutex history, nemesis lines and failed releases included', () => {
    const edn = [
      '{:type :invoke, :f :release, :process 1, :time 1000000, :index 0}',
      '{:type :fail, :f :release, :process 1, :time 2000000, :error :not-held, :index 1}',
      '{:type :invoke, :f :acquire, :process 3, :time 3000000, :index 2}',
      '{:type :info, :f :start, :process :nemesis, :time 3500000}',
      '{:type :ok, :f :acquire, :process 3, :time 4000000, :index 3}',
      '{:type :invoke, :f :acquire, :process 2, :time 5000000, :index 4}',
      '{:type :ok, :f :acquire, :process 2, :time 6000000, :index 5}',
    ].join('\n');
    expect(parsed(edn, 'mutex')[0]).toEqual({ process: 1, type: 'invoke', f: 'release', time: 1 });
    const result = verdict(edn, 'mutex');
    expect(result.valid).toBe(false);
    expect(result.explanation?.sentence).toMatch(/process 2 acquire \(ok\), invoked at 0\.005 s and returned at 0\.006 s, cannot come next: the lock was already held\.$/);
    const released = edn.replace('{:type :invoke, :f :acquire, :process 2', '{:type :invoke, :f :release, :process 3, :time 4500000}\n{:type :ok, :f :release, :process 3, :time 4600000}\n{:type :invoke, :f :acquire, :process 2');
    expect(verdict(released, 'mutex').valid).toBe(true);
  });

  it('reads Knossos multi-register txns as kv micro-ops', () => {
    const edn = [
      '{:type :invoke, :f :txn, :value [[:write :x 1] [:write :y 2]], :process 0}',
      '{:type :ok, :f :txn, :value [[:write :x 1] [:write :y 2]], :process 0}',
      '{:type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]], :process 1}',
      '{:type :ok, :f :txn, :value [[:read :x 1] [:read :y 2]], :process 1}',
    ].join('\n');
    expect(parsed(edn, 'kv')[3].value).toEqual([['read', 'x', 1], ['read', 'y', 2]]);
    expect(verdict(edn, 'kv').valid).toBe(true);
    expect(verdict(edn.replace('[:read :y 2]', '[:read :y nil]'), 'kv').valid).toBe(false);
    // Knossos' multi-register data starts from given values: an unknown start reads them.
    expect(verdict(edn.split('\n').slice(2).join('\n'), 'kv').valid).toBe(false);
    expect(verdict(edn.split('\n').slice(2).join('\n'), 'kv', 'unknown').valid).toBe(true);
  });

  it('names the model when an operation belongs to another, and refuses unsupported micro-ops', () => {
    const txn = '{:type :invoke, :f :txn, :value [[:append :x 1]], :process 0}';
    expect(parseEdnHistory(txn)).toEqual({ ok: false, error: 'line 1: :f must be :read, :write or :cas (a register history), got :txn' });
    const checked = checkHistoryLinearizability(parsed(txn, 'kv'), { model: 'kv' });
    expect(checked).toMatchObject({ ok: false, error: { code: 'bad-value', message: expect.stringMatching(/a txn value must be a list of \[read\|write, key, value\], got \[\["append","x",1\]\]/) } });
    expect(parseEdnHistory('{:type :invoke, :f :acquire, :process 0}', findModel('queue'))).toEqual({ ok: false, error: 'line 1: :f must be :enqueue or :dequeue (a queue history), got :acquire' });
  });

  it('reads a set read written as an EDN set', () => {
    const edn = '{:type :invoke, :f :add, :value 1, :process 0}\n{:type :ok, :f :add, :value 1, :process 0}\n{:type :invoke, :f :read, :process 1}\n{:type :ok, :f :read, :value #{1}, :process 1}';
    expect(verdict(edn, 'set').valid).toBe(true);
    expect(verdict(edn.replace('#{1}', '#{}'), 'set').valid).toBe(false);
  });
});

describe('JSON histories of other models', () => {
  it('accepts the model functions and names the model when f is wrong', () => {
    const history = '[{"process": 0, "type": "invoke", "f": "enqueue", "value": 1}, {"process": 0, "type": "ok", "f": "enqueue", "value": 1}]';
    expect(parseJsonHistory(history, findModel('queue'))).toMatchObject({ ok: true });
    expect(parseJsonHistory(history)).toEqual({ ok: false, error: 'line 1: event 1: "f" must be one of read, write, cas, got "enqueue"' });
    expect(parseJsonHistory(history, findModel('counter'))).toEqual({ ok: false, error: 'line 1: event 1: "f" must be one of add, read (the counter model), got "enqueue"' });
  });
});
