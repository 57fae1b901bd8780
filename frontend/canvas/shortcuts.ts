// Which canvas command a key press means: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo, Alt+Shift+L layout.

export type Command = 'undo' | 'redo' | 'layout';

export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export function commandFor(press: KeyPress): Command | null {
  const command = press.ctrlKey || press.metaKey;
  const key = press.key.toLowerCase();
  if (command && key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (command && key === 'y') return 'redo';
  if (press.altKey && press.shiftKey && key === 'l') return 'layout';
  return null;
}
