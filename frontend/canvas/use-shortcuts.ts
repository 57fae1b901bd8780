import { useEffect } from 'react';
import { commandFor, type Command } from './shortcuts';

/** Typing in a field (Vaadin's inputs sit in shadow roots, hence the composed path) is never a shortcut. */
function typing(event: KeyboardEvent): boolean {
  return event.composedPath().some((el) => el instanceof HTMLElement
      && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable));
}

/** The canvas's shortcuts, anywhere on the page except while typing in a field. */
export function useShortcuts(run: Record<Command, () => void>): void {
  const { undo, redo, layout } = run;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (typing(event)) return;
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      ({ undo, redo, layout })[command]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, layout]);
}
