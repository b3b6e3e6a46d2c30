import { CUSTOMER_DOCUMENT_KINDS } from '../../../../shared/domain/customer-documents.js';
import { CUSTOMER_KINDS, GENDERS } from '../../../../shared/domain/customers.js';
import { ID_DOCUMENT_TYPES } from '../../../../shared/domain/id-documents.js';
import { normalizePhone } from '../../../../shared/domain/phones.js';
import { RELATION_ROLES } from '../../../../shared/domain/relations.js';
import { localName, type Lang, type MessageKey, type Translate } from '../../i18n/index.js';

function nameOf(lang: Lang, list: readonly { code: string; zh: string; en: string }[], code: string): string {
  const entry = list.find((x) => x.code === code);
  return entry ? localName(lang, entry) : code;
}

export const kindName = (lang: Lang, code: string) => nameOf(lang, CUSTOMER_KINDS, code);
export const idTypeName = (lang: Lang, code: string) => nameOf(lang, ID_DOCUMENT_TYPES, code);
export const genderName = (lang: Lang, code: string) => nameOf(lang, GENDERS, code);
export const roleName = (lang: Lang, code: string) => nameOf(lang, RELATION_ROLES, code);
export const documentKindName = (lang: Lang, code: string) => nameOf(lang, CUSTOMER_DOCUMENT_KINDS, code);

/** A file's size as people read it: 820 KB, 3.4 MB. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Stored numbers (13800138000, 01012345678-12) as people read them (138 0013 8000, 010-12345678 转 12). */
export function phoneDisplay(number: string): string {
  const parsed = normalizePhone(number);
  return parsed.ok ? parsed.display : number;
}

/** The host says what a search hit matched in Chinese (电话, 拼音首字母…); English mode names it too. */
export function matchedText(t: Translate, matched: string): string {
  const key = `search.match.${matched}` as MessageKey;
  const text = t(key);
  return text === undefined || text === key ? matched : text;
}

/**
 * compareWithTyped and the ID checks speak Chinese; the two warnings shown beside the
 * document number have an English form, anything else stays as the host wrote it.
 */
export function localizeIdWarning(lang: Lang, message: string): string {
  if (lang === 'zh') return message;
  const birth = /^出生日期与身份证号不一致，身份证号中的出生日期为(.+)$/.exec(message);
  if (birth) return `The date of birth differs from the ID number, which gives ${birth[1]}`;
  const sex = /^性别与身份证号不一致，身份证号显示为(.)性$/.exec(message);
  if (sex) return `The sex differs from the ID number, which gives ${sex[1] === '男' ? 'male' : 'female'}`;
  return message;
}

/** Customer.tags is stored as a JSON array of dictionary ids. */
export function parseIdList(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
