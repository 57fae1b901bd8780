import { describe, expect, it } from 'vitest';
import { emptyHistory, recorded, redone, undone } from '../../frontend/canvas/history';

describe('canvas history', () => {
  it('undoes back to the graph before the last edit and can redo it', () => {
    const history = recorded(emptyHistory<string>(), 'a');

    const back = undone(history, 'b');
    expect(back?.restored).toBe('a');
    expect(back?.history).toEqual({ past: [], future: ['b'] });

    const forward = redone(back!.history, 'a');
    expect(forward?.restored).toBe('b');
    expect(forward?.history).toEqual({ past: ['a'], future: [] });
  });

  it('has nothing to undo or redo when nothing was edited', () => {
    expect(undone(emptyHistory<string>(), 'a')).toBeNull();
    expect(redone(emptyHistory<string>(), 'a')).toBeNull();
  });

  it('forgets what could be redone once a new edit is made', () => {
    const back = undone(recorded(recorded(emptyHistory<string>(), 'a'), 'b'), 'c')!;
    expect(back.history.future).toEqual(['c']);

    expect(recorded(back.history, 'b2')).toEqual({ past: ['a', 'b2'], future: [] });
  });

  it('keeps at most the limit of edits, dropping the oldest', () => {
    let history = emptyHistory<number>();
    for (let edit = 1; edit <= 5; edit++) history = recorded(history, edit, 3);

    expect(history.past).toEqual([3, 4, 5]);
  });

  it('keeps the last hundred edits by default', () => {
    let history = emptyHistory<number>();
    for (let edit = 1; edit <= 150; edit++) history = recorded(history, edit);

    expect(history.past).toHaveLength(100);
    expect(history.past[0]).toBe(51);
  });
});
