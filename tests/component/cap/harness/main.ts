import { mount } from 'svelte';
import '../../../../src/ui/theme.css';
import CapPanels from '../../../../src/ui/cap/CapPanels.svelte';
import type { HistoryEvent } from '../../../../src/engine/types';
import { capFrame, checks, partitionLinks } from '../cap-fixtures';

const dark = new URLSearchParams(location.search).has('dark');
if (dark) {
  const s = document.documentElement.style;
  const vars: Record<string, string> = { '--bg': '#111418', '--surface': '#1b1f24', '--surface-muted': '#252a31', '--text': '#e6e8eb', '--text-muted': '#9aa3ad', '--border': '#3a414a', '--accent': '#8ab4f8', '--accent-text': '#0b1a33', '--danger': '#f28b82', '--danger-bg': '#3b1f1d', '--warning-bg': '#3a3215' };
  for (const [k, v] of Object.entries(vars)) s.setProperty(k, v);
  s.setProperty('color-scheme', 'dark');
}
const history: HistoryEvent[] = [];
let t = 200, v = 1;
const procs = [0, 1, 2];
for (let round = 0; round < 60; round++) {
  for (const c of [0, 1, 2]) {
    const start = t + c * 37 + round * 5;
    const f = (round + c) % 3 === 0 ? 'write' : (round + c) % 3 === 1 ? 'read' : 'cas';
    const value = f === 'write' ? v++ : f === 'cas' ? [v - 1, v++] : null;
    history.push({ process: procs[c], type: 'invoke', f, key: 'x', value, time: start, client: `c${c + 1}` });
    const outcome = start > 6000 && start < 9000 && c < 2 ? (round % 2 ? 'fail' : 'info') : 'ok';
    const end = outcome === 'info' ? start + 600 : start + 40 + ((round * 7 + c * 13) % 60);
    history.push({ process: procs[c], type: outcome, f, key: 'x', value: f === 'read' ? (v % 4) : value, time: end, client: `c${c + 1}`, node: `n${c + 1}`, mode: 'ap' });
    if (outcome === 'info') procs[c] += 3;
  }
  t += 230;
}
history.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
const invokeIdx = history.map((e, i) => [e, i] as const).filter(([e]) => e.type === 'invoke' && (e.time ?? 0) > 9500).map(([, i]) => i);
const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
const frame = capFrame({
  timeMs: 14_200,
  history,
  clients: [
    { id: 'c1', attachedTo: 'n1', pending: null },
    { id: 'c2', attachedTo: 'n2', pending: null },
    { id: 'c3', attachedTo: 'n3', pending: null },
  ],
  links: partitionLinks(ids, [['n1', 'n2'], ['n3', 'n4', 'n5']]),
  notable: [
    { seq: 1, timeMs: 3000, kind: 'control', tag: 'setMode', text: 'mode switched to AP' },
    { seq: 2, timeMs: 3050, kind: 'partition', text: 'network partitioned' },
    { seq: 3, timeMs: 9000, kind: 'heal', text: 'all links healed' },
    { seq: 4, timeMs: 9100, kind: 'control', tag: 'setMode', text: 'mode switched to CP' },
    { seq: 5, timeMs: 9150, kind: 'crash', node: 'n3', text: 'n3 crashed' },
  ],
  checks: checks({
    linearizable: false,
    windowStartMs: 3000,
    explanation: { sentence: "c2 read x=1 at 3.2 s, but c1's write x=2 completed at 2.9 s and nothing wrote 1 after it", operations: [invokeIdx[0], invokeIdx[4]] },
    sessions: [{ guarantee: 'monotonic reads', client: 'c2', sentence: 'c2 read 3 then 1', operations: [invokeIdx[7]] }],
    availability: { ok: 17, total: 24, windowMs: 5000 },
    checkedOps: 120,
  }),
});
mount(CapPanels, { target: document.getElementById('app')!, props: { frame, inject: (a) => console.log('inject', JSON.stringify(a)) } });
