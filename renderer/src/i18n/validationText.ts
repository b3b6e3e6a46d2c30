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
  [/^服务器地址过长$/, () => 'The server address is too long'],
  [/^请输入以 http:\/\/ 或 https:\/\/ 开头的服务器地址$/, () => 'Enter a server address starting with http:// or https://'],
  [/^登记码至少(\d+)位$/, (m) => `The registration code has at least ${m[1]} characters`],
  [/^登记码过长$/, () => 'The registration code is too long'],
  [/^请填写设备名称$/, () => 'Enter a device name'],
  [/^设备名称不能超过(\d+)个字$/, (m) => `The device name cannot exceed ${m[1]} characters`],
  [/^请填写账号$/, () => 'Enter the account'],
  [/^账号不能超过(\d+)个字$/, (m) => `The account cannot exceed ${m[1]} characters`],
  [/^请填写密码$/, () => 'Enter the password'],
  [/^密码过长$/, () => 'The password is too long'],
  [/^请填写要修改的内容$/, () => 'Enter what to change'],
];

export function localizeValidation(lang: Lang, message: string): string {
  if (lang === 'zh') return message;
  for (const [pattern, render] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}
