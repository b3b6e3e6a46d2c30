import { useEffect, useRef } from 'react';

export interface Shortcut {
  key: string;
  alt?: boolean;
  ctrl?: boolean;
  run: () => void;
}

function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    event.altKey === Boolean(shortcut.alt) &&
    (event.ctrlKey || event.metaKey) === Boolean(shortcut.ctrl) &&
    !event.shiftKey
  );
}

/**
 * Screen-wide keys (Insert, F2, Alt+N…). The screen turns them off while one of its
 * dialogs is open, so a key typed into a dialog never acts on the list behind it.
 */
export function useShortcuts(shortcuts: readonly Shortcut[], active: boolean): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const hit = latest.current.find((s) => matches(s, event));
      if (!hit) return;
      event.preventDefault();
      hit.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
