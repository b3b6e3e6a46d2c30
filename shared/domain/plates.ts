import { z } from '../validation.js';

/** Province abbreviations that begin a civil plate (GA 36). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

/** Single-character suffixes of special-purpose plates (学 coach, 警 police, 港/澳 cross-border, 挂 trailer, 领 consulate, 试 test, 超 oversize). */
export const PLATE_SUFFIXES = '学警港澳挂领试超';

export type PlateResult = { ok: true; plate: string; newEnergy: boolean } | { ok: false; message: string };

// Plates never use I or O: they would be read as 1 and 0.
const ALNUM = 'A-HJ-NP-Z0-9';
const ORDINARY = new RegExp(`^[${ALNUM}]{5}$`);
const SPECIAL = new RegExp(`^[${ALNUM}]{4}[${PLATE_SUFFIXES}]$`);
// GA 36-2018 new-energy plates: D = battery electric, F = other new energy.
const NEW_ENERGY_SMALL = new RegExp(`^[DF][${ALNUM}]\\d{4}$`);
const NEW_ENERGY_LARGE = /^\d{5}[DF]$/;

/** NFKC, upper case, and without the spaces, dots and dashes people type between the parts (粤B·12345). */
export function normalizePlate(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•・.\-\u2010-\u2015]/g, '');
}

export function validatePlate(raw: string): PlateResult {
  const plate = normalizePlate(raw);
  if (plate === '') return { ok: false, message: '请输入车牌号' };
  const chars = [...plate];
  const [province = '', office = ''] = chars;
  if (!PLATE_PROVINCES.includes(province)) return { ok: false, message: '车牌号第一个字应为省份简称，如京、沪、粤' };
  if (!/^[A-Z]$/.test(office)) return { ok: false, message: '车牌号第二位应为发牌机关字母，如京A中的A' };
  if (office === 'I' || office === 'O') return { ok: false, message: '车牌号中不使用字母I和O' };
  const rest = chars.slice(2).join('');
  if (/[IO]/.test(rest)) return { ok: false, message: '车牌号中不使用字母I和O' };
  if (chars.length === 7) {
    if (ORDINARY.test(rest) || SPECIAL.test(rest)) return { ok: true, plate, newEnergy: false };
    return {
      ok: false,
      message: '车牌号格式不正确：省份简称和字母后应为5位字母或数字（特种车辆为4位加学、警、港、澳、挂、领、试、超）',
    };
  }
  if (chars.length === 8) {
    if (NEW_ENERGY_SMALL.test(rest) || NEW_ENERGY_LARGE.test(rest)) return { ok: true, plate, newEnergy: true };
    return { ok: false, message: '新能源车牌号格式不正确：字母后应为D或F加5位（小型车），或5位数字加D或F（大型车）' };
  }
  return { ok: false, message: `车牌号应为7位（新能源车为8位），现在是${chars.length}位` };
}

/** A required plate number, output in its stored form. */
export const plateSchema = z.string({ error: '请输入车牌号' }).transform((value, ctx) => {
  const result = validatePlate(value);
  if (!result.ok) {
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  }
  return result.plate;
});
