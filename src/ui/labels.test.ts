// Accessible names and human words for nodes, links, times and events.
import { describe, expect, it } from 'vitest';
import { makeNode } from '../../tests/component/fixtures';
import { eventLine, formatTimeMs, formatValue, humanise, linkName, nodeName, nodeStatus, roleClass } from './labels';

describe('nodeName', () => {
  it('names an up node by id, role and term', () => {
    expect(nodeName(makeNode('n3', { role: 'leader', term: 4 }))).toBe('n3, leader, term 4');
  });

  it('says when a node is paused', () => {
    expect(nodeName(makeNode('n4', { term: 4, paused: true, pausedUntilMs: 3000 }))).toBe('n4, follower, term 4, paused');
  });

  it('says only "crashed" for a crashed node', () => {
    expect(nodeName(makeNode('n2', { up: false, role: 'crashed' }))).toBe('n2, crashed');
  });

  it('leaves out the term when the protocol has none', () => {
    const node = makeNode('n1', { role: 'Replica' });
    delete node.view.term;
    expect(nodeName(node)).toBe('n1, replica');
  });
});

describe('linkName', () => {
  it('uses an en dash and the state', () => {
    expect(linkName('n1', 'n2', true)).toBe('link n1–n2, up');
    expect(linkName('n1', 'n2', false)).toBe('link n1–n2, cut');
  });
});

describe('times and events', () => {
  it('formats virtual time in seconds with milliseconds', () => {
    expect(formatTimeMs(1234)).toBe('1.234 s');
    expect(formatTimeMs(0)).toBe('0.000 s');
  });

  it('writes an event line with its time', () => {
    expect(eventLine({ seq: 1, timeMs: 1234, kind: 'note', text: 'n3 became leader for term 4' })).toBe(
      '1.234 s — n3 became leader for term 4',
    );
  });

  it('makes a line for events without text', () => {
    expect(eventLine({ seq: 2, timeMs: 50, kind: 'cut', from: 'n1', to: 'n2' })).toBe('0.050 s — cut n1→n2');
    expect(eventLine({ seq: 3, timeMs: 60, kind: 'crash', node: 'n2' })).toBe('0.060 s — crash n2');
  });
});

describe('small words', () => {
  it('classifies roles for styling', () => {
    expect(roleClass('Leader')).toBe('leader');
    expect(roleClass('candidate')).toBe('candidate');
    expect(roleClass('learner')).toBe('other');
  });

  it('describes status', () => {
    expect(nodeStatus(makeNode('n1'))).toBe('up');
    expect(nodeStatus(makeNode('n1', { paused: true }))).toBe('paused');
    expect(nodeStatus(makeNode('n1', { up: false, paused: true }))).toBe('crashed');
  });

  it('humanises keys and values', () => {
    expect(humanise('commitIndex')).toBe('commit index');
    expect(humanise('voted_for')).toBe('voted for');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(true)).toBe('yes');
    expect(formatValue(3)).toBe('3');
  });
});
