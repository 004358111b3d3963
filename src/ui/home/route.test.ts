// The home page opens only when the address names no lab, run or seed.
import { describe, expect, it } from 'vitest';
import { labHref, showsHome } from './route';

describe('showsHome', () => {
  it('opens the home page on a bare address and on page-only flags', () => {
    expect(showsHome('')).toBe(true);
    expect(showsHome('?')).toBe(true);
    expect(showsHome('?autoplay=0')).toBe(true);
    expect(showsHome('?present&theme=dark')).toBe(true);
  });

  it('opens a lab when the address names one, carries a run, or a seed', () => {
    expect(showsHome('?lab=cap')).toBe(false);
    expect(showsHome('?v=1&lab=raft&s=abc')).toBe(false);
    expect(showsHome('?s=abc')).toBe(false);
    expect(showsHome('?seed=7')).toBe(false);
    expect(showsHome('?seed=7&autoplay=0')).toBe(false);
  });

  it('always opens a lab in an embed', () => {
    expect(showsHome('?embed')).toBe(false);
    expect(showsHome('?embed&autoplay=0')).toBe(false);
  });
});

it('links a card to its lab', () => {
  expect(labHref('raft')).toBe('?lab=raft');
  expect(showsHome(labHref('raft'))).toBe(false);
});
