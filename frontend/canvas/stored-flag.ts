// A yes/no the browser remembers across editors (a collapsed palette, a hidden legend), in localStorage.
import { useCallback, useState } from 'react';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): Store | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage refused (private mode, a sandboxed frame): nothing is remembered
  }
}

/** The remembered value of `key`, or `fallback` when none was stored (or it cannot be read). */
export function readFlag(store: Store | undefined, key: string, fallback: boolean): boolean {
  const stored = store?.getItem(key);
  return stored === 'true' ? true : stored === 'false' ? false : fallback;
}

export function useStoredFlag(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => readFlag(storage(), key, fallback));
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      storage()?.setItem(key, String(next));
    },
    [key],
  );
  return [value, set];
}
