import { useT, type MessageKey } from '../../../i18n/index.js';

const HINTS: readonly [string, MessageKey][] = [
  ['↑ ↓ / J K', 'insp.keys.move'],
  ['← →', 'insp.keys.area'],
  ['1', 'insp.keys.pass'],
  ['2', 'insp.keys.fail'],
  ['3', 'insp.keys.na'],
  ['Enter', 'insp.keys.defect'],
  ['A', 'insp.keys.passRemaining'],
];

/** The keys of the check list, always in sight under it. */
export function ShortcutHint() {
  const t = useT();
  return (
    <div className="ho-hint insp-hint" data-testid="shortcut-hint">
      {HINTS.map(([keys, label]) => (
        <span key={label}>
          <kbd className="ho-kbd">{keys}</kbd> {t(label)}
        </span>
      ))}
    </div>
  );
}
