// Undo and redo over settled graphs: the canvas records the graph it had each time an edit settles, like what
// the server is told, so a drag counts once however many pixels it moved.

export const HISTORY_LIMIT = 100;

/** What can be undone (last is next) and redone (last is next). */
export type History<T> = { readonly past: readonly T[]; readonly future: readonly T[] };

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** After an edit: the graph before it can be undone, at most `HISTORY_LIMIT` back; nothing can be redone. */
export function recorded<T>(history: History<T>, before: T, limit = HISTORY_LIMIT): History<T> {
  return { past: [...history.past.slice(1 - limit), before], future: [] };
}

export type Step<T> = { history: History<T>; restored: T };

/** Goes back one edit from `current`; null when there is none. */
export function undone<T>(history: History<T>, current: T): Step<T> | null {
  const restored = history.past[history.past.length - 1];
  if (restored === undefined) return null;
  return { history: { past: history.past.slice(0, -1), future: [...history.future, current] }, restored };
}

/** Goes forward one undone edit from `current`; null when there is none. */
export function redone<T>(history: History<T>, current: T): Step<T> | null {
  const restored = history.future[history.future.length - 1];
  if (restored === undefined) return null;
  return { history: { past: [...history.past, current], future: history.future.slice(0, -1) }, restored };
}
