// Keys to commands, and keys that belong to form fields or buttons.
import { describe, expect, it } from 'vitest';
import { commandForKey, isTypingTarget, SHORTCUTS } from './shortcuts';

const element = (tagName: string, attributes: Record<string, string> = {}) =>
  ({ tagName, getAttribute: (name: string) => attributes[name] ?? null }) as unknown as EventTarget;

describe('commandForKey', () => {
  it('maps the documented keys', () => {
    expect(commandForKey({ key: ' ' })).toBe('toggle-play');
    expect(commandForKey({ key: '.' })).toBe('blank');
    expect(commandForKey({ key: 'b' })).toBe('blank');
    expect(commandForKey({ key: 'B' })).toBe('blank');
    expect(commandForKey({ key: 'ArrowRight' })).toBe('step');
    expect(commandForKey({ key: 'PageDown' })).toBe('step');
    expect(commandForKey({ key: 'ArrowLeft' })).toBe('back');
    expect(commandForKey({ key: 'PageUp' })).toBe('back');
    expect(commandForKey({ key: '[' })).toBe('back');
    expect(commandForKey({ key: ']' })).toBe('forward');
    expect(commandForKey({ key: 'p' })).toBe('toggle-present');
    expect(commandForKey({ key: 'k' })).toBe('kill-leader');
    expect(commandForKey({ key: 'h' })).toBe('heal-all');
    expect(commandForKey({ key: '?' })).toBe('toggle-help');
    expect(commandForKey({ key: 'Escape' })).toBe('close');
    expect(commandForKey({ key: 'x' })).toBeNull();
  });

  it('stays out of the way while typing', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(commandForKey({ key: 'k', target: element(tag) })).toBeNull();
      expect(commandForKey({ key: ' ', target: element(tag) })).toBeNull();
    }
    expect(commandForKey({ key: 'Escape', target: element('INPUT') })).toBe('close');
  });

  it('keeps the slider from eating the presenter keys', () => {
    const slider = { tagName: 'INPUT', type: 'range', getAttribute: () => null } as unknown as EventTarget;
    expect(commandForKey({ key: 'PageDown', target: slider })).toBe('step');
    expect(commandForKey({ key: 'ArrowRight', target: slider })).toBe('step');
    expect(commandForKey({ key: 'ArrowLeft', target: slider })).toBe('back');
    expect(commandForKey({ key: ' ', target: slider })).toBe('toggle-play');
  });

  it('leaves keys to widgets that read them: a listbox, radio buttons, a checkbox on Space', () => {
    expect(commandForKey({ key: ' ', target: element('UL', { role: 'listbox' }) })).toBeNull();
    expect(commandForKey({ key: 'ArrowRight', target: element('LI', { role: 'option' }) })).toBeNull();
    const radio = { tagName: 'INPUT', type: 'radio', getAttribute: () => null } as unknown as EventTarget;
    expect(commandForKey({ key: 'ArrowLeft', target: radio })).toBeNull();
    const checkbox = { tagName: 'INPUT', type: 'checkbox', getAttribute: () => null } as unknown as EventTarget;
    expect(commandForKey({ key: ' ', target: checkbox })).toBeNull();
    expect(commandForKey({ key: 'PageDown', target: checkbox })).toBe('step');
  });

  it('leaves Space to buttons, which already act on it', () => {
    expect(commandForKey({ key: ' ', target: element('BUTTON') })).toBeNull();
    expect(commandForKey({ key: ' ', target: element('g', { role: 'button' }) })).toBeNull();
    expect(commandForKey({ key: 'k', target: element('BUTTON') })).toBe('kill-leader');
  });

  it('ignores keys with modifiers', () => {
    expect(commandForKey({ key: 'k', ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: 'h', metaKey: true })).toBeNull();
    expect(commandForKey({ key: '.', altKey: true })).toBeNull();
  });

  it('documents every command it can return', () => {
    const documented = new Set(SHORTCUTS.map((shortcut) => shortcut.command));
    for (const key of [' ', '.', 'b', 'ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', '[', ']', 'k', 'h', 'p', '?', 'Escape']) expect(documented.has(commandForKey({ key })!)).toBe(true);
  });
});

it('recognises editable elements', () => {
  expect(isTypingTarget(element('input'))).toBe(true);
  expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
  expect(isTypingTarget(element('DIV'))).toBe(false);
  expect(isTypingTarget(null)).toBe(false);
});
