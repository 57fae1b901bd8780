import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from '../../frontend/canvas/shortcuts';

const press = (key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('canvas shortcuts', () => {
  it('undoes with Ctrl+Z or Cmd+Z', () => {
    expect(commandFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(commandFor(press('z', { metaKey: true }))).toBe('undo');
  });

  it('redoes with Ctrl+Shift+Z and Ctrl+Y', () => {
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandFor(press('y', { ctrlKey: true }))).toBe('redo');
    expect(commandFor(press('y', { metaKey: true }))).toBe('redo');
  });

  it('lays the graph out with Alt+Shift+L', () => {
    expect(commandFor(press('L', { altKey: true, shiftKey: true }))).toBe('layout');
  });

  it('leaves other keys to the page', () => {
    expect(commandFor(press('z'))).toBeNull();
    expect(commandFor(press('l', { altKey: true }))).toBeNull();
    expect(commandFor(press('Delete'))).toBeNull();
    expect(commandFor(press('x', { ctrlKey: true }))).toBeNull();
  });
});
