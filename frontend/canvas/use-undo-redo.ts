import { useCallback, useRef, useState } from 'react';
import { emptyHistory, recorded, redone, undone, type History, type Step } from './history';

export type UndoRedo<T> = {
  canUndo: boolean;
  canRedo: boolean;
  /** Forgets every edit: the canvas opened another revision. */
  reset: () => void;
  /** The graph has settled; `edited` when it differs from what the server was last told. */
  settle: (snapshot: T, edited: boolean) => void;
  undo: () => void;
  redo: () => void;
};

/**
 * Undo and redo over settled graphs: an edit counts once it has settled, like what the server is told, so a drag
 * counts once. `show` puts a restored graph on the canvas; that graph settling is not an edit of its own.
 */
export function useUndoRedo<T>(show: (snapshot: T) => void): UndoRedo<T> {
  const history = useRef<History<T>>(emptyHistory());
  const settled = useRef<T | null>(null);
  const restoring = useRef(false);
  const [sizes, setSizes] = useState<[number, number]>([0, 0]);

  const reset = useCallback(() => {
    history.current = emptyHistory();
    settled.current = null;
    setSizes([0, 0]);
  }, []);

  const settle = useCallback((snapshot: T, edited: boolean) => {
    if (!edited) {
      if (!settled.current) settled.current = snapshot;
      return;
    }
    if (settled.current && !restoring.current) {
      history.current = recorded(history.current, settled.current);
    }
    restoring.current = false;
    settled.current = snapshot;
    setSizes([history.current.past.length, history.current.future.length]);
  }, []);

  const restore = useCallback(
    (step: (history: History<T>, current: T) => Step<T> | null) => {
      const done = settled.current && step(history.current, settled.current);
      if (!done) return;
      history.current = done.history;
      restoring.current = true;
      show(done.restored);
      setSizes([history.current.past.length, history.current.future.length]);
    },
    [show],
  );
  const undo = useCallback(() => restore(undone), [restore]);
  const redo = useCallback(() => restore(redone), [restore]);

  return { canUndo: sizes[0] > 0, canRedo: sizes[1] > 0, reset, settle, undo, redo };
}
