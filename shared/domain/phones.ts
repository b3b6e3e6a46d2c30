import { z } from '../validation.js';

/**
 * `international` covers numbers dialled with a foreign country code (+852, +886, +1…):
 * customers holding 回乡证, 台胞证 or passports often have no mainland number.
 */
export type PhoneKind = 'mobile' | 'landline' | 'international';

/**
 * `number` is the stored form: mobiles as 11 digits, landlines as area code + number
 * (01012345678) with `-extension` appended when there is one, international numbers
 * as + and digits (E.164).
 */
export type PhoneResult =
  { ok: true; number: string; kind: PhoneKind; display: string; extension?: string } | { ok: false; message: string };

type Failure = { ok: false; message: string };
type Parsed = { ok: true; number: string; kind: PhoneKind; display: string };

const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2212';
const SEPARATORS = new RegExp(`[\\s()${DASHES}]`, 'g');
const TRAILING_DASH_GROUP = new RegExp(`^(.*\\d)\\s*[${DASHES}]\\s*(\\d{1,6})$`);
const EXTENSION_WORD = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

function fail(message: string): Failure {
  return { ok: false, message };
}

function mobile(digits: string): Parsed | Failure {
  if (digits.length !== 11) return fail(`手机号应为11位，现在是${digits.length}位`);
  if (!/^1[3-9]\d{9}$/.test(digits)) return fail('手机号第二位应为3至9');
  return {
    ok: true,
    number: digits,
    kind: 'mobile',
    display: `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
  };
}

/** Area codes: 010 (Beijing), 02x (the big cities), otherwise 4 digits 03xx–09xx. */
function landline(digits: string): Parsed | Failure {
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : /^0[3-9]\d\d/.test(digits) ? 4 : 0;
  if (areaLength === 0) return fail('固定电话区号不正确');
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (local.length < 7 || local.length > 8) return fail(`固定电话号码（不含区号${area}）应为7或8位，现在是${local.length}位`);
  // A 0 here is the trunk prefix typed twice (010-010…), never part of a subscriber number.
  if (local.startsWith('0')) return fail('固定电话号码（不含区号）不能以0开头');
  return { ok: true, number: digits, kind: 'landline', display: `${area}-${local}` };
}

function parseMain(text: string): Parsed | Failure {
  if (text === '') return fail('请输入电话号码');
  if (/[^\d+]/.test(text.replace(SEPARATORS, ''))) return fail('电话号码只能包含数字、空格、短横线和括号');
  let digits = text.replace(SEPARATORS, '');
  let dialledAbroad = false;
  if (digits.startsWith('+')) {
    dialledAbroad = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    dialledAbroad = true;
    digits = digits.slice(2);
  }
  if (digits.includes('+')) return fail('“+”只能写在号码开头');
  if (dialledAbroad) {
    if (!digits.startsWith('86')) {
      if (!/^[1-9]\d{6,14}$/.test(digits)) return fail('国际电话号码应为国家代码加号码，共7至15位数字');
      return { ok: true, number: `+${digits}`, kind: 'international', display: `+${digits}` };
    }
    digits = digits.slice(2);
    // From abroad the trunk 0 of the area code is dropped: +86 10 12345678.
    if (!/^1[3-9]\d{9}$/.test(digits) && !digits.startsWith('0')) digits = `0${digits}`;
  } else if (/^861[3-9]\d{9}$/.test(digits)) {
    digits = digits.slice(2);
  }
  if (digits.startsWith('0')) return landline(digits);
  // 7 or 8 digits is a local number far more often than a mobile missing 3 digits.
  if (digits.length === 7 || digits.length === 8) return fail('固定电话请加区号，如010-12345678');
  if (digits.startsWith('1')) return mobile(digits);
  return fail('电话号码格式不正确');
}

function withExtension(main: Parsed, extension: string): PhoneResult {
  if (main.kind !== 'landline') return fail('只有固定电话可以带分机号');
  return { ...main, number: `${main.number}-${extension}`, display: `${main.display} 转 ${extension}`, extension };
}

/**
 * Reads a phone number as typed (spaces, dashes, brackets, +86 / 0086 / 86 prefixes,
 * full-width digits, extensions written -1234 or 转1234) and returns its stored form.
 */
export function normalizePhone(raw: string): PhoneResult {
  let text = raw.normalize('NFKC').trim();
  let extension: string | undefined;
  const word = EXTENSION_WORD.exec(text);
  if (word) {
    extension = word[1];
    text = text.slice(0, word.index);
  } else {
    // 010-12345678-1234: a trailing dash group is an extension only when what comes before
    // it is already a complete landline; 138-0013-8000 and 010-1234-5678 are not split.
    const dash = TRAILING_DASH_GROUP.exec(text);
    if (dash) {
      const head = parseMain(dash[1] ?? '');
      if (head.ok && head.kind === 'landline') return withExtension(head, dash[2] ?? '');
    }
  }
  const main = parseMain(text);
  if (!main.ok) return main;
  return extension === undefined ? main : withExtension(main, extension);
}

/**
 * The key for "search by the last 4+ digits": the digits reversed, without extension.
 * An ordinary index serves prefix searches only (LIKE '8765%'), so storing the reversed
 * number turns "ends with 5678" into a prefix search that can use the index.
 */
export function phoneSuffixKey(number: string): string {
  const main = number.replace(/-\d*$/, '');
  return [...main.replace(/\D/g, '')].reverse().join('');
}

/** A required phone number, output in its stored form. */
export const phoneSchema = z.string({ error: '请输入电话号码' }).transform((value, ctx) => {
  const result = normalizePhone(value);
  if (!result.ok) {
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  }
  return result.number;
});

/** A phone number that may be left blank (stored as ''). */
export const optionalPhoneSchema = z
  .string()
  .default('')
  .transform((value, ctx) => {
    if (value.normalize('NFKC').trim() === '') return '';
    const result = normalizePhone(value);
    if (!result.ok) {
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }
    return result.number;
  });
