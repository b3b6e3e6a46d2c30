import type { Lang } from './store.js';

/**
 * The shared zod schemas (the one source of the limits) carry Chinese messages only.
 * For English we translate the ones we know and otherwise show the Chinese text,
 * which is still correct, just not localized.
 */
const PATTERNS: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^请输入名称$/, () => 'Enter a name'],
  [/^名称不能为空$/, () => 'Name is required'],
  [/^名称不能超过(\d+)个字$/, (m) => `Name cannot exceed ${m[1]} characters`],
  [/^备注不能超过(\d+)个字$/, (m) => `Remark cannot exceed ${m[1]} characters`],
  [/^请输入标题$/, () => 'Enter a title'],
  [/^标题不能为空$/, () => 'Title is required'],
  [/^标题不能超过(\d+)个字$/, (m) => `Title cannot exceed ${m[1]} characters`],
  [/^请选择类型$/, () => 'Choose a type'],
  [/^请输入位置$/, () => 'Enter a position'],
  [/^位置必须是整数$/, () => 'The position must be a whole number'],
  [/^位置从1开始$/, () => 'Positions start at 1'],
  [/^名称“(.+)”已存在$/, (m) => `The name “${m[1]}” already exists`],
  [/^标题“(.+)”已存在$/, (m) => `The title “${m[1]}” already exists`],
  [/^选项“(.+)”已存在$/, (m) => `The option “${m[1]}” already exists`],
];

export function localizeValidation(lang: Lang, message: string): string {
  if (lang === 'zh') return message;
  for (const [pattern, render] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
