// Import: scenario or history, told apart by content, with problems as sentences.
import { describe, expect, it } from 'vitest';
import { classifyImport, readImportFile, MAX_IMPORT_BYTES } from './import-file';

const history = [
  { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1 },
  { process: 0, type: 'ok', f: 'write', key: 'x', value: 1 },
];

describe('classifyImport', () => {
  it('takes an object with a lab as a scenario (the worker validates it)', () => {
    const result = classifyImport('run.json', JSON.stringify({ lab: 'raft', seed: 3, nodes: 99, actions: [] }));
    expect(result).toEqual({ kind: 'scenario', scenario: { lab: 'raft', seed: 3, nodes: 99, actions: [] } });
  });

  it('reads a history as a list, or wrapped in { history }', () => {
    const listed = classifyImport('h.json', JSON.stringify(history));
    expect(listed.kind).toBe('history');
    expect(listed.kind === 'history' && listed.history).toHaveLength(2);
    const wrapped = classifyImport('export.json', JSON.stringify({ history }));
    expect(wrapped.kind === 'history' && wrapped.history).toHaveLength(2);
  });

  it('explains files that are neither', () => {
    const notJson = classifyImport('notes.txt', 'hello there');
    expect(notJson.kind).toBe('error');
    expect(notJson.kind === 'error' && notJson.issues[0]).toMatch(/^notes\.txt is not a scenario or a history: /);
    const other = classifyImport('x.json', JSON.stringify({ hello: 1 }));
    expect(other.kind === 'error' && other.issues[0]).toMatch(/neither a scenario .* nor a history/);
    const badHistory = classifyImport('h.json', JSON.stringify([{ process: 0, type: 'maybe', f: 'write' }]));
    expect(badHistory.kind).toBe('error');
  });
});

describe('readImportFile', () => {
  it('reads a file and refuses huge ones', async () => {
    const small = new File([JSON.stringify(history)], 'h.json');
    expect((await readImportFile(small)).kind).toBe('history');
    const huge = { name: 'big.json', size: MAX_IMPORT_BYTES + 1, text: async () => '' } as File;
    const refused = await readImportFile(huge);
    expect(refused.kind === 'error' && refused.issues[0]).toMatch(/too large/);
  });
});
