import { describe, expect, it } from 'vitest';
import { checkHistoryLinearizability, detectFormat, parseEdnHistory, parseHistory, parseJepsenLog, parseJsonHistory, readEdn } from '../../../src/checkers/index';

function errorOf(result: { ok: true } | { ok: false; error: string }): string {
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
}

describe('JSON histories', () => {
  it('reads an array or {history: [...]}, with the line of every event', () => {
    const text = '[\n{"process": 0, "type": "invoke", "f": "write", "key": "x", "value": 1, "time": 5, "client": "c1"},\n{"process": 0, "type": "ok", "f": "write", "key": "x", "value": 1, "index": 9}\n]';
    const result = parseJsonHistory(text);
    expect(result.ok && result.history).toEqual([
      { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1, time: 5, client: 'c1' },
      { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
    ]);
    expect(result.ok && result.lines).toEqual([2, 3]);
    const wrapped = parseJsonHistory('{"name": "t", "history": [\n  {"process": 1, "type": "invoke", "f": "read"}]}');
    expect(wrapped.ok && wrapped.lines).toEqual([2]);
  });

  it('says what is wrong and on which line', () => {
    expect(errorOf(parseJsonHistory('[\n{"process": 0,}\n]'))).toMatch(/^line 2: not valid JSON: /);
    expect(errorOf(parseJsonHistory('{"events": []}'))).toBe('line 1: expected an array of events or an object with a "history" array');
    const events = '[\n{"process": 0, "type": "invoke", "f": "read"},\n{"process": 0, "type": "done", "f": "read"}\n]';
    expect(errorOf(parseJsonHistory(events))).toBe('line 3: event 2: "type" must be one of invoke, ok, fail, info, got "done"');
    expect(errorOf(parseJsonHistory('[{"process": "a", "type": "ok", "f": "read"}]'))).toBe('line 1: event 1: "process" must be an integer, got "a"');
    expect(errorOf(parseJsonHistory('[{"process": 1, "type": "invoke", "f": "cas", "value": 3}]'))).toMatch(/event 1: a cas invoke needs "value": \[expected, new\], got 3/);
    expect(errorOf(parseJsonHistory('[{"process": 1, "type": "invoke", "f": "read", "key": 3}]'))).toMatch(/"key" must be a string/);
    expect(errorOf(parseJsonHistory('[{"process": 1, "type": "invoke", "f": "read", "time": "soon"}]'))).toMatch(/"time" must be a number/);
    expect(errorOf(parseJsonHistory('[7]'))).toBe('line 1: event 1: expected an object, got 7');
  });
});

describe('Jepsen etcd logs', () => {
  const log = [
    'INFO  jepsen.util - 0\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 0\t:ok\t:read\tnil',
    'INFO  jepsen.util - 1  :invoke  :cas  [1 4]',
    'INFO  jepsen.util - 1  :fail  :cas  [1 4]',
    'INFO  jepsen.util - 2\t:invoke\t:write\t4',
    'INFO  jepsen.util - 2\t:info\t:write\t:timed-out',
    'INFO  jepsen.util - 3\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 3\t:fail\t:read\t:timed-out',
    'INFO  jepsen.util - :nemesis\t:info\t:start\tnil',
    'INFO  jepsen.core - Run complete',
    '',
  ].join('\n');

  it('uses the etcd reading: a failed cas returned false, timeouts are unknown', () => {
    const result = parseJepsenLog(log);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.history).toEqual([
      { process: 0, type: 'invoke', f: 'read', value: null },
      { process: 0, type: 'ok', f: 'read', value: null },
      { process: 1, type: 'invoke', f: 'cas', value: [1, 4] },
      { process: 1, type: 'ok', f: 'cas', value: false },
      { process: 2, type: 'invoke', f: 'write', value: 4 },
      { process: 2, type: 'info', f: 'write' },
      { process: 3, type: 'invoke', f: 'read', value: null },
      { process: 3, type: 'info', f: 'read' },
    ]);
    expect(result.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps the constraint of a false compare', () => {
    const text = 'INFO  jepsen.util - 0\t:invoke\t:cas\t[nil 1]\nINFO  jepsen.util - 0\t:fail\t:cas\t[nil 1]\n';
    const parsed = parseJepsenLog(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const checked = checkHistoryLinearizability(parsed.history);
    expect(checked.ok && checked.result.valid).toBe(false);
  });

  it('says what is wrong and on which line', () => {
    expect(errorOf(parseJepsenLog('INFO  jepsen.util - 0\t:invoke\t:read\tnil\nthis is not a log\n'))).toBe('line 2: not a Jepsen log line: "this is not a log"');
    expect(errorOf(parseJepsenLog('INFO  jepsen.util - 0\t:invoke\t:raed\tnil'))).toMatch(/^line 1: expected :read, :write or :cas: /);
    expect(errorOf(parseJepsenLog('INFO  jepsen.util - 0\t:done\t:read\tnil'))).toMatch(/^line 1: expected :invoke, :ok, :fail or :info/);
    expect(errorOf(parseJepsenLog('INFO  jepsen.util - 0\t:invoke\t:cas\t[1 2'))).toMatch(/^line 1: cannot read the event \(\[ opened on line 1 is never closed\)/);
    expect(errorOf(parseJepsenLog('INFO  jepsen.util - 0\t:invoke\t:cas\t3'))).toMatch(/^line 1: a cas needs \[expected new\]/);
    expect(errorOf(parseJepsenLog('\n\n'))).toMatch(/^no Jepsen operations found/);
  });
});

describe('Jepsen EDN histories', () => {
  const edn = [
    '{:type :invoke, :f :write, :value 3, :process 0, :time 1000000, :index 0}',
    '{:type :ok, :f :write, :value 3, :process 0, :time 2500000, :index 1}',
    '{:type :invoke, :f :cas, :value [3 4], :process 1, :time 3000000, :index 2}',
    '{:type :fail, :f :cas, :value [3 4], :process 1, :time 4000000, :index 3, :error :compare-failed}',
    '{:type :info, :f :start, :value nil, :process :nemesis, :time 4100000}',
    '; a comment',
    '{:type :invoke, :f :read, :value nil, :process 2, :time 5000000}',
    '{:type :ok, :f :read, :value #jepsen.independent.Tuple{:key 7, :value 3}, :process 2, :time 6000000}',
    '{:type :invoke, :f :write, :value "s", :process 3}',
    '{:type :info, :f :write, :value "s", :process 3, :error :timeout}',
  ].join('\n');

  it('reads maps per line: vectors, nil, keywords, strings, fail and info, nanoseconds to ms', () => {
    const result = parseEdnHistory(edn);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.history).toEqual([
      { process: 0, type: 'invoke', f: 'write', value: 3, time: 1 },
      { process: 0, type: 'ok', f: 'write', value: 3, time: 2.5 },
      { process: 1, type: 'invoke', f: 'cas', value: [3, 4], time: 3 },
      { process: 1, type: 'fail', f: 'cas', value: [3, 4], time: 4 },
      { process: 2, type: 'invoke', f: 'read', value: null, time: 5 },
      { process: 2, type: 'ok', f: 'read', key: '7', value: 3, time: 6 },
      { process: 3, type: 'invoke', f: 'write', value: 's' },
      { process: 3, type: 'info', f: 'write', value: 's' },
    ]);
    expect(result.lines).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
  });

  it('reads a single vector of maps', () => {
    const result = parseEdnHistory('[{:type :invoke :f :read :process 0}\n {:type :ok :f :read :value 1 :process 0}]');
    expect(result.ok && result.history.length).toBe(2);
    expect(result.ok && result.lines).toEqual([1, 2]);
  });

  it('says what is wrong and on which line', () => {
    expect(errorOf(parseEdnHistory('{:type :invoke, :f :read, :process 0}\n{:type :ok, :f :read'))).toBe('line 2: not valid EDN: { opened on line 2 is never closed');
    expect(errorOf(parseEdnHistory('{:type :invoke, :f :add, :process 0}'))).toBe('line 1: :f must be :read, :write or :cas (a register history), got :add');
    expect(errorOf(parseEdnHistory('\n{:type :begin, :f :read, :process 0}'))).toBe('line 2: :type must be :invoke, :ok, :fail or :info, got :begin');
    expect(errorOf(parseEdnHistory('{:type :invoke, :f :cas, :value 1, :process 0}'))).toBe('line 1: a :cas needs :value [expected new], got 1');
    expect(errorOf(parseEdnHistory('{:type :invoke, :f :read}'))).toBe('line 1: :process must be an integer, got nothing');
    expect(errorOf(parseEdnHistory('{:type :invoke :f}'))).toBe('line 1: not valid EDN: a map opened on line 1 has an odd number of forms');
    expect(errorOf(parseEdnHistory('[1 2]'))).toMatch(/^line 1: expected a map/);
    expect(errorOf(parseEdnHistory('"abc'))).toBe('line 1: not valid EDN: string opened on line 1 is never closed');
  });

  it('reads the EDN subset', () => {
    const read = readEdn('{:a [1 -2 3.5 4N] :b "x\\"y" :c #{1} :d (nil true false) :e sym #_ :gone :f :kw}');
    expect(read.ok).toBe(true);
  });
});

describe('format detection', () => {
  it('uses the extension, else the content', () => {
    expect(detectFormat('a.json', '')).toBe('json');
    expect(detectFormat('history.edn', '')).toBe('edn');
    expect(detectFormat('etcd_000.log', '')).toBe('jepsen-log');
    expect(detectFormat('h', 'INFO  jepsen.util - 0 :invoke :read nil')).toBe('jepsen-log');
    expect(detectFormat('h', '{:type :invoke}')).toBe('edn');
    expect(detectFormat('h', '[{:type :invoke}]')).toBe('edn');
    expect(detectFormat('h', ' [{"process": 0}]')).toBe('json');
    expect(detectFormat('h', 'hello')).toBeNull();
    expect(errorOf(parseHistory('h', 'hello'))).toMatch(/unknown history format/);
  });
});

describe('parseHistory on hostile input', () => {
  it('a JSON file nested thousands of levels deep is refused with a sentence, not a stack overflow', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const result = parseHistory('deep.json', deep);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/nested too deeply/);
      expect(result.error).not.toMatch(/call stack/);
    }
  });
});
