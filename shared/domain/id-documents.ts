import { z } from '../validation.js';
import { charLength } from './text.js';

/**
 * ID documents (证件) a customer can be registered with. The codes are fixed by the app
 * because validation and the identity key depend on them; `party` says who holds it.
 */
export const ID_DOCUMENT_TYPES = [
  { code: 'resident', zh: '居民身份证', en: 'Resident identity card', party: 'person' },
  {
    code: 'hkMacau',
    zh: '港澳居民来往内地通行证',
    en: 'Mainland travel permit for Hong Kong and Macao residents',
    party: 'person',
  },
  { code: 'taiwan', zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents', party: 'person' },
  { code: 'passport', zh: '护照', en: 'Passport', party: 'person' },
  { code: 'foreignPermanent', zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card', party: 'person' },
  { code: 'creditCode', zh: '统一社会信用代码', en: 'Unified social credit code', party: 'organization' },
  { code: 'other', zh: '其他', en: 'Other', party: 'person' },
] as const satisfies readonly { code: string; zh: string; en: string; party: 'person' | 'organization' }[];

export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number]['code'];
export const ID_DOCUMENT_TYPE_CODES = ID_DOCUMENT_TYPES.map((t) => t.code) as [IdDocumentType, ...IdDocumentType[]];

export type Sex = 'male' | 'female';

/** What a 居民身份证 number itself says about its holder. */
export interface IdInfo {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
}

export type IdValidation = { ok: true; number: string; info?: IdInfo } | { ok: false; message: string };

export interface IdValidationOptions {
  /** YYYY-MM-DD; birth dates after it are refused. Defaults to the local date. */
  today?: string;
}

/** 其他: free text, so only a length limit guards the column. */
export const OTHER_ID_MAX = 50;

// GB 11643-1999 / ISO 7064 MOD 11-2.
const MOD11_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_CHECK = '10X98765432';

/**
 * Province-level address codes (GB/T 2260) a citizen number can start with.
 * 71 is Taiwan's code in GB/T 2260; 81, 82 and 83 are the codes given to Hong Kong,
 * Macao and Taiwan residents' residence permits (港澳台居民居住证, 2018), which use the
 * citizen-number format and are commonly entered as 居民身份证. 1–8 is also what lets
 * the 9 of the new foreign permanent card stand apart.
 */
const PROVINCE_CODES = new Set(
  ['11 12 13 14 15', '21 22 23', '31 32 33 34 35 36 37', '41 42 43 44 45 46', '50 51 52 53 54', '61 62 63 64 65', '71 81 82 83']
    .join(' ')
    .split(' '),
);

/** The check character a 17-digit body should end with (GB 11643-1999). */
export function residentCheckDigit(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body17[i]) * (MOD11_WEIGHTS[i] ?? 0);
  return MOD11_CHECK[sum % 11] ?? '';
}

// GB 32100-2015: 31 characters; I, O, Z, S, V are left out because they are easily misread.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character a 17-character 统一社会信用代码 body should end with (GB 32100-2015). */
export function creditCodeCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_ALPHABET.indexOf(body17[i] ?? '') * (CREDIT_WEIGHTS[i] ?? 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

function basicNormalize(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** A legacy 15-digit number carries no century and no check digit; every holder was born in the 1900s. */
function upgradeResident15(n15: string): string {
  const body = `${n15.slice(0, 6)}19${n15.slice(6)}`;
  return body + residentCheckDigit(body);
}

/**
 * The stored form of a document number: NFKC (full-width digits and letters typed with a
 * Chinese IME become plain), no spaces, upper case. 15-digit 居民身份证 numbers become
 * their 18-digit form so that both versions of one card are the same number.
 */
export function normalizeIdNumber(type: IdDocumentType, raw: string): string {
  const s = basicNormalize(raw);
  if (type === 'resident' && /^\d{15}$/.test(s)) return upgradeResident15(s);
  if (type === 'hkMacau') {
    // The issue count of older permits is sometimes written in brackets: H12345678(01).
    const m = /^([HM]\d{8})\((\d{2})\)$/.exec(s);
    if (m) return `${m[1]}${m[2]}`;
  }
  return s;
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' when yyyymmdd is a date that exists, otherwise null. */
function realDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function checkBirthDate(yyyymmdd: string, today: string): { ok: true; date: string } | { ok: false; message: string } {
  const date = realDate(yyyymmdd);
  if (date === null) return { ok: false, message: '身份证号中的出生日期无效' };
  if (date < '1900-01-01') return { ok: false, message: '身份证号中的出生日期早于1900年' };
  if (date > today) return { ok: false, message: '身份证号中的出生日期晚于今天' };
  return { ok: true, date };
}

function validateResident(s: string, today: string): IdValidation {
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return { ok: false, message: '15位旧身份证号只能包含数字' };
  } else if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, message: '身份证号前17位只能是数字，最后一位是数字或X' };
  } else {
    return { ok: false, message: `身份证号应为18位（或15位旧号码），现在是${s.length}位` };
  }
  if (!PROVINCE_CODES.has(s.slice(0, 2))) return { ok: false, message: '身份证号前两位（省份代码）无效' };
  const number = s.length === 15 ? upgradeResident15(s) : s;
  const birth = checkBirthDate(number.slice(6, 14), today);
  if (!birth.ok) return birth;
  const expected = residentCheckDigit(number.slice(0, 17));
  if (number[17] !== expected) return { ok: false, message: `身份证号校验位不正确，应为${expected}` };
  const sex: Sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, number, info: { birthDate: birth.date, sex } };
}

/**
 * 回乡证: H (Hong Kong) or M (Macao) + 8-digit lifelong number. Permits issued before the
 * 2013 card carry 2 more digits, the issue count (00 first, then 01, 02… — MPS rules
 * published 2010), so the same holder appears as H+8 and H+10.
 */
function validateHkMacau(s: string): IdValidation {
  if (/^[HM]\d{8}(\d{2})?$/.test(s)) return { ok: true, number: s };
  if (!/^[HM]/.test(s)) return { ok: false, message: '港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头' };
  return { ok: false, message: '港澳居民来往内地通行证号码应为H或M加8位数字（旧证为加10位数字）' };
}

/**
 * 台胞证: since 2008-09-25 the number is only the 8-digit lifelong number (一人一号、终身不变).
 * Older permits (1992–2008) appended 2 digits for the issue count and, for some issuers,
 * a bracketed letter or digit for the issuing office, e.g. 1234567801(B); those are
 * accepted as written because such permits may still be on file.
 */
function validateTaiwan(s: string): IdValidation {
  if (/^\d{8}$/.test(s) || /^\d{10}(\([0-9A-Z]{1,2}\))?$/.test(s)) return { ok: true, number: s };
  return { ok: false, message: '台湾居民来往大陆通行证号码应为8位数字（旧证为10位数字，可带括号内的签发机关代码）' };
}

/** Passports: Chinese ones are E/G + 8 characters, but foreign passports vary too much to check more. */
function validatePassport(s: string): IdValidation {
  if (/^[A-Z0-9]{5,17}$/.test(s)) return { ok: true, number: s };
  if (/[^A-Z0-9]/.test(s)) return { ok: false, message: '护照号码只能包含字母和数字' };
  return { ok: false, message: `护照号码应为5至17位字母或数字，现在是${s.length}位` };
}

/**
 * 永居证: the 2017 card has 3 letters (nationality) + 12 digits; the card issued since
 * 2023-12-01 has 18 characters starting with 9 and the same MOD 11-2 check as 居民身份证.
 * The layout of the 18-digit body (where the birth date sits) is not relied on.
 */
function validateForeignPermanent(s: string): IdValidation {
  if (s.length === 15) {
    if (/^[A-Z]{3}\d{12}$/.test(s)) return { ok: true, number: s };
    return { ok: false, message: '旧版外国人永久居留身份证号码应为3个字母加12位数字' };
  }
  if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, message: '外国人永久居留身份证号码前17位只能是数字，最后一位是数字或X' };
    if (s[0] !== '9') return { ok: false, message: '新版外国人永久居留身份证号码应以9开头' };
    const expected = residentCheckDigit(s.slice(0, 17));
    if (s[17] !== expected) return { ok: false, message: `外国人永久居留身份证号码校验位不正确，应为${expected}` };
    return { ok: true, number: s };
  }
  return { ok: false, message: `外国人永久居留身份证号码应为18位（旧版为15位），现在是${s.length}位` };
}

/**
 * GB 32100-2015. The first character (登记管理部门) is not checked against a list: the
 * standard lets new registration authorities be added, and the check character already
 * catches typing errors.
 */
function validateCreditCode(s: string): IdValidation {
  if (s.length !== 18) return { ok: false, message: `统一社会信用代码应为18位，现在是${s.length}位` };
  for (const c of s) {
    if ('IOZSV'.includes(c)) return { ok: false, message: `统一社会信用代码不能包含字母${c}` };
    if (!CREDIT_ALPHABET.includes(c)) return { ok: false, message: `统一社会信用代码包含无效字符“${c}”` };
  }
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, message: '统一社会信用代码第3至8位（行政区划码）应为数字' };
  if (s[17] !== creditCodeCheckChar(s.slice(0, 17))) return { ok: false, message: '统一社会信用代码校验位不正确' };
  return { ok: true, number: s };
}

function validateOther(s: string): IdValidation {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return { ok: false, message: '证件号码包含无效字符' };
  if (charLength(s) > OTHER_ID_MAX) return { ok: false, message: `证件号码不能超过${OTHER_ID_MAX}个字` };
  return { ok: true, number: s };
}

/** Checks a document number and returns its stored form, or says in Chinese exactly what is wrong. */
export function validateIdDocument(type: IdDocumentType, raw: string, options: IdValidationOptions = {}): IdValidation {
  const s = normalizeIdNumber(type, raw);
  if (s === '') return { ok: false, message: '请输入证件号码' };
  switch (type) {
    case 'resident':
      // Validated before normalizeIdNumber's upgrade so messages can speak of the 15-digit form.
      return validateResident(basicNormalize(raw), options.today ?? localToday());
    case 'hkMacau':
      return validateHkMacau(s);
    case 'taiwan':
      return validateTaiwan(s);
    case 'passport':
      return validatePassport(s);
    case 'foreignPermanent':
      return validateForeignPermanent(s);
    case 'creditCode':
      return validateCreditCode(s);
    case 'other':
      return validateOther(s);
  }
}

/** Normalises a typed birth date (2024-1-5, 2024/01/05, 2024年1月5日, 20240105) to YYYY-MM-DD, or null. */
function typedDate(value: string): string | null {
  const s = value.normalize('NFKC').trim();
  if (/^\d{8}$/.test(s)) return realDate(s);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  return realDate(`${y}${mo.padStart(2, '0')}${d.padStart(2, '0')}`);
}

const SEX_ZH: Record<Sex, string> = { male: '男', female: '女' };

/**
 * Warnings (not errors: the card is the authority, the typed value may just be wrong) when
 * the birth date or sex typed on the form disagrees with what the 身份证号 says.
 */
export function compareWithTyped(info: IdInfo | undefined, typed: { birthDate?: string; sex?: Sex }): string[] {
  if (!info) return [];
  const warnings: string[] = [];
  if (typed.birthDate !== undefined && typed.birthDate.trim() !== '') {
    const date = typedDate(typed.birthDate);
    // An unreadable date is the date field's own error, not a disagreement with the card.
    if (date !== null && date !== info.birthDate)
      warnings.push(`出生日期与身份证号不一致，身份证号中的出生日期为${info.birthDate}`);
  }
  if (typed.sex !== undefined && typed.sex !== info.sex) {
    warnings.push(`性别与身份证号不一致，身份证号显示为${SEX_ZH[info.sex]}性`);
  }
  return warnings;
}

/**
 * The key that recognises one customer across all projects. Parts that change when a
 * document is reissued are left out so old and new forms of one document meet:
 * a 15-digit 身份证 becomes its 18-digit form, 回乡证 keeps letter + 8-digit lifelong
 * number, 台胞证 its 8-digit lifelong number. 其他 has no key: its free text does not say
 * which document it is, and two documents of different kinds can share a number.
 * The two 永居证 formats cannot be matched (the nationality code changed from letters to
 * digits), nor can a person's different documents.
 */
export function idDocumentKey(type: IdDocumentType, number: string): string | null {
  const s = normalizeIdNumber(type, number);
  if (s === '') return null;
  switch (type) {
    case 'hkMacau':
      return /^[HM]\d{8}/.test(s) ? `${type}:${s.slice(0, 9)}` : `${type}:${s}`;
    case 'taiwan':
      return /^\d{8}/.test(s) ? `${type}:${s.slice(0, 8)}` : `${type}:${s}`;
    case 'other':
      return null;
    default:
      return `${type}:${s}`;
  }
}

export const idDocumentTypeSchema = z.enum(ID_DOCUMENT_TYPE_CODES, { error: '请选择证件类型' });

/** A document as entered: the type plus a number that is validated and stored normalised. */
export const idDocumentInput = z
  .object({
    type: idDocumentTypeSchema,
    number: z.string({ error: '请输入证件号码' }),
  })
  .transform((value, ctx) => {
    const result = validateIdDocument(value.type, value.number);
    if (!result.ok) {
      ctx.issues.push({ code: 'custom', message: result.message, path: ['number'], input: value.number });
      return z.NEVER;
    }
    return { type: value.type, number: result.number };
  });
