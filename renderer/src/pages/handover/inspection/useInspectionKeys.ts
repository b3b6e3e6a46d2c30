import { useEffect } from 'react';
import { isTypingTarget, keyCommand } from './keyboard.js';
import { useInspection } from './inspectionStore.js';

/** The check list's keys, on while the list is showing and no dialog has the keyboard. */
export function useInspectionKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTypingTarget(event.target)) return;
      const command = keyCommand(event);
      if (!command) return;
      event.preventDefault();
      useInspection.getState().runKey(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);
}
