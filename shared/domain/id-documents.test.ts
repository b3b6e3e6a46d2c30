import { describe, expect, it } from 'vitest';
import {
  ID_DOCUMENT_TYPES,
  compareWithTyped,
  creditCodeCheckChar,
  idDocumentInput,
  idDocumentKey,
  normalizeIdNumber,
  residentCheckDigit,
  validateIdDocument,
  type IdDocumentType,
  type IdValidation,
} from './id-documents.js';

const TODAY = { today: '2024-06-01' };
const check = (type: IdDocumentType, raw: string) => validateIdDocument(type, raw, TODAY);
const message = (r: IdValidation) => (r.ok ? null : r.message);
/** A resident number whose check digit comes from the algorithm (verified below against GB 11643 examples). */
const withCheck = (body17: string) => body17 + residentCheckDigit(body17);

describe('document types', () => {
  it('have unique codes and Chinese names', () => {
    expect(new Set(ID_DOCUMENT_TYPES.map((t) => t.code)).size).toBe(ID_DOCUMENT_TYPES.length);
    expect(ID_DOCUMENT_TYPES.find((t) => t.code === 'resident')?.zh).toBe('居民身份证');
    expect(ID_DOCUMENT_TYPES.find((t) => t.code === 'creditCode')?.party).toBe('organization');
  });
});

describe('居民身份证 check digit (GB 11643-1999)', () => {
  it('matches the examples published in the standard', () => {
    expect(residentCheckDigit('11010519491231002')).toBe('X');
    expect(residentCheckDigit('44052418800101001')).toBe('4');
  });
  it('matches the published 15→18 upgrade example', () => {
    expect(normalizeIdNumber('resident', '130503670401001')).toBe('130503196704010016');
  });
});

describe('居民身份证 validation', () => {
  it('accepts the standard example and reads birth date and sex', () => {
    expect(check('resident', '11010519491231002X')).toEqual({
      ok: true,
      number: '11010519491231002X',
      info: { birthDate: '1949-12-31', sex: 'female' },
    });
  });
  it('reads an odd 17th digit as male', () => {
    const r = check('resident', '130503670401001');
    expect(r).toEqual({ ok: true, number: '130503196704010016', info: { birthDate: '1967-04-01', sex: 'male' } });
  });
  it('normalises lower-case x, full-width digits and spaces', () => {
    expect(check('resident', ' 110105 19491231 002x ')).toMatchObject({ ok: true, number: '11010519491231002X' });
    expect(check('resident', '１１０１０５１９４９１２３１００２Ｘ')).toMatchObject({ ok: true, number: '11010519491231002X' });
    expect(normalizeIdNumber('resident', '11010519491231002x')).toBe('11010519491231002X');
  });
  it('names the expected check digit', () => {
    expect(message(check('resident', '110105194912310021'))).toBe('身份证号校验位不正确，应为X');
    expect(message(check('resident', '130503196704010017'))).toBe('身份证号校验位不正确，应为6');
  });
  it('refuses a date that does not exist', () => {
    expect(message(check('resident', withCheck('11010519490230001')))).toBe('身份证号中的出生日期无效');
    expect(message(check('resident', withCheck('11010519491301001')))).toBe('身份证号中的出生日期无效');
    expect(message(check('resident', withCheck('11010519490000001')))).toBe('身份证号中的出生日期无效');
    expect(message(check('resident', withCheck('11010519010229001')))).toBe('身份证号中的出生日期无效');
  });
  it('accepts 29 February in leap years, including 2000', () => {
    expect(check('resident', withCheck('31010420000229001'))).toMatchObject({ ok: true, info: { birthDate: '2000-02-29' } });
  });
  it('refuses birth dates before 1900 (the standard’s own 1880 example) and after today', () => {
    expect(message(check('resident', '440524188001010014'))).toBe('身份证号中的出生日期早于1900年');
    expect(message(check('resident', withCheck('11010520240602001')))).toBe('身份证号中的出生日期晚于今天');
    expect(check('resident', withCheck('11010520240601001')).ok).toBe(true);
  });
  it('refuses unknown province codes', () => {
    for (const p of ['00', '10', '16', '24', '38', '47', '55', '66', '72', '84', '91']) {
      expect(message(check('resident', withCheck(`${p}010519491231002`)))).toBe('身份证号前两位（省份代码）无效');
    }
  });
  it('accepts all province codes including 71 and the 81/82/83 residence permits', () => {
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
      expect(check('resident', withCheck(`${p}000019900101001`)).ok).toBe(true);
    }
  });
  it('says what is wrong with the length or characters', () => {
    expect(message(check('resident', '1101051949123100'))).toBe('身份证号应为18位（或15位旧号码），现在是16位');
    expect(message(check('resident', '11010519491231X02X'))).toBe('身份证号前17位只能是数字，最后一位是数字或X');
    expect(message(check('resident', '13050367040100X'))).toBe('15位旧身份证号只能包含数字');
    expect(message(check('resident', '   '))).toBe('请输入证件号码');
  });
  it('checks the date of a 15-digit number in the 1900s', () => {
    expect(message(check('resident', '130503670231001'))).toBe('身份证号中的出生日期无效');
    expect(message(check('resident', '990503670401001'))).toBe('身份证号前两位（省份代码）无效');
  });
  it('defaults “today” to the current date', () => {
    expect(validateIdDocument('resident', '11010519491231002X').ok).toBe(true);
    expect(validateIdDocument('resident', withCheck('11010530000101001')).ok).toBe(false);
  });
});

describe('港澳居民来往内地通行证', () => {
  it('accepts H/M with 8 digits, and the older 10-digit form', () => {
    expect(check('hkMacau', 'H12345678')).toEqual({ ok: true, number: 'H12345678' });
    expect(check('hkMacau', 'm 1234 5678')).toEqual({ ok: true, number: 'M12345678' });
    expect(check('hkMacau', 'H1234567801')).toEqual({ ok: true, number: 'H1234567801' });
    expect(check('hkMacau', 'H12345678(01)')).toEqual({ ok: true, number: 'H1234567801' });
  });
  it('refuses other letters and lengths', () => {
    expect(message(check('hkMacau', 'C12345678'))).toBe('港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头');
    expect(message(check('hkMacau', '12345678'))).toBe('港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头');
    expect(message(check('hkMacau', 'H1234567'))).toBe('港澳居民来往内地通行证号码应为H或M加8位数字（旧证为加10位数字）');
    expect(check('hkMacau', 'H123456789').ok).toBe(false);
    expect(check('hkMacau', 'H1234567A').ok).toBe(false);
  });
});

describe('台湾居民来往大陆通行证', () => {
  it('accepts 8 digits and the pre-2008 10-digit forms', () => {
    expect(check('taiwan', '12345678')).toEqual({ ok: true, number: '12345678' });
    expect(check('taiwan', '1234567801')).toEqual({ ok: true, number: '1234567801' });
    expect(check('taiwan', '1234567801（b）')).toEqual({ ok: true, number: '1234567801(B)' });
  });
  it('refuses other forms', () => {
    const msg = '台湾居民来往大陆通行证号码应为8位数字（旧证为10位数字，可带括号内的签发机关代码）';
    expect(message(check('taiwan', '1234567'))).toBe(msg);
    expect(message(check('taiwan', '123456789'))).toBe(msg);
    expect(message(check('taiwan', 'A123456789'))).toBe(msg);
    expect(message(check('taiwan', '12345678(B)'))).toBe(msg);
  });
});

describe('护照', () => {
  it('accepts Chinese and foreign passport numbers', () => {
    expect(check('passport', 'E12345678')).toEqual({ ok: true, number: 'E12345678' });
    expect(check('passport', 'ea1234567')).toEqual({ ok: true, number: 'EA1234567' });
    expect(check('passport', '12345')).toMatchObject({ ok: true });
    expect(check('passport', 'A'.repeat(17))).toMatchObject({ ok: true });
  });
  it('refuses other characters and lengths', () => {
    expect(message(check('passport', 'E1234-5678'))).toBe('护照号码只能包含字母和数字');
    expect(message(check('passport', '1234'))).toBe('护照号码应为5至17位字母或数字，现在是4位');
    expect(check('passport', 'A'.repeat(18)).ok).toBe(false);
  });
});

describe('外国人永久居留身份证', () => {
  const newCard = withCheck('93115619900101001');
  it('accepts the 2017 format: 3 letters and 12 digits', () => {
    expect(check('foreignPermanent', 'usa310012345678')).toEqual({ ok: true, number: 'USA310012345678' });
    expect(message(check('foreignPermanent', 'US3310012345678'))).toBe('旧版外国人永久居留身份证号码应为3个字母加12位数字');
  });
  it('accepts the 2023 format starting with 9 with a MOD 11-2 check digit', () => {
    expect(check('foreignPermanent', newCard)).toEqual({ ok: true, number: newCard });
    const wrong = newCard.slice(0, 17) + (newCard[17] === '0' ? '1' : '0');
    expect(message(check('foreignPermanent', wrong))).toBe(`外国人永久居留身份证号码校验位不正确，应为${newCard[17]}`);
  });
  it('refuses a citizen number and wrong lengths', () => {
    expect(message(check('foreignPermanent', '11010519491231002X'))).toBe('新版外国人永久居留身份证号码应以9开头');
    expect(message(check('foreignPermanent', '9311561990010100'))).toBe(
      '外国人永久居留身份证号码应为18位（旧版为15位），现在是16位',
    );
    expect(message(check('foreignPermanent', '9311561990010100AX'))).toBe(
      '外国人永久居留身份证号码前17位只能是数字，最后一位是数字或X',
    );
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes: the standard's example, 华为技术, 深圳市腾讯计算机系统, 中国石油天然气股份, 小米科技.
  const published = [
    '91350100M000100Y43',
    '914403001922038216',
    '91440300708461136T',
    '91110000710925462X',
    '91110108551385082Q',
  ];
  it('accepts published codes', () => {
    for (const code of published) {
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(check('creditCode', code)).toEqual({ ok: true, number: code });
    }
    expect(check('creditCode', '91350100m000100y43')).toEqual({ ok: true, number: '91350100M000100Y43' });
  });
  it('refuses any single changed character', () => {
    expect(message(check('creditCode', '91350100M000100Y44'))).toBe('统一社会信用代码校验位不正确');
    expect(message(check('creditCode', '91350100M000200Y43'))).toBe('统一社会信用代码校验位不正确');
    expect(message(check('creditCode', '92350100M000100Y43'))).toBe('统一社会信用代码校验位不正确');
    expect(message(check('creditCode', '914403001922038217'))).toBe('统一社会信用代码校验位不正确');
  });
  it('refuses swapped neighbours', () => {
    expect(check('creditCode', '91350100M000010Y43').ok).toBe(false);
  });
  it('says which character is not allowed', () => {
    expect(message(check('creditCode', '91350100MO00100Y43'))).toBe('统一社会信用代码不能包含字母O');
    expect(message(check('creditCode', '91350100M000100S43'))).toBe('统一社会信用代码不能包含字母S');
    expect(message(check('creditCode', '91350100M0001_0Y43'))).toBe('统一社会信用代码包含无效字符“_”');
    expect(message(check('creditCode', '9135A100M000100Y43'))).toBe('统一社会信用代码第3至8位（行政区划码）应为数字');
    expect(message(check('creditCode', '91350100M000100Y4'))).toBe('统一社会信用代码应为18位，现在是17位');
  });
});

describe('其他', () => {
  it('accepts free text up to 50 characters', () => {
    expect(check('other', '军官证 第123号')).toEqual({ ok: true, number: '军官证第123号' });
    expect(check('other', '号'.repeat(50)).ok).toBe(true);
    expect(message(check('other', '号'.repeat(51)))).toBe('证件号码不能超过50个字');
    expect(message(check('other', 'a\u0007b'))).toBe('证件号码包含无效字符');
    expect(message(check('other', ''))).toBe('请输入证件号码');
  });
});

describe('compareWithTyped', () => {
  const info = { birthDate: '1949-12-31', sex: 'female' as const };
  it('is silent when the form agrees or is blank', () => {
    expect(compareWithTyped(info, { birthDate: '1949-12-31', sex: 'female' })).toEqual([]);
    expect(compareWithTyped(info, { birthDate: '1949/12/31' })).toEqual([]);
    expect(compareWithTyped(info, { birthDate: '19491231' })).toEqual([]);
    expect(compareWithTyped(info, { birthDate: '1949年12月31日' })).toEqual([]);
    expect(compareWithTyped(info, { birthDate: '' })).toEqual([]);
    expect(compareWithTyped(info, {})).toEqual([]);
    expect(compareWithTyped(undefined, { birthDate: '2000-01-01', sex: 'male' })).toEqual([]);
  });
  it('warns about a different birth date or sex', () => {
    expect(compareWithTyped(info, { birthDate: '1949-12-30', sex: 'male' })).toEqual([
      '出生日期与身份证号不一致，身份证号中的出生日期为1949-12-31',
      '性别与身份证号不一致，身份证号显示为女性',
    ]);
    expect(compareWithTyped({ birthDate: '1967-04-01', sex: 'male' }, { birthDate: '1967-4-2', sex: 'female' })).toEqual([
      '出生日期与身份证号不一致，身份证号中的出生日期为1967-04-01',
      '性别与身份证号不一致，身份证号显示为男性',
    ]);
  });
  it('leaves an unreadable date to the date field’s own check', () => {
    expect(compareWithTyped(info, { birthDate: '昨天' })).toEqual([]);
  });
});

describe('idDocumentKey', () => {
  it('gives the 15- and 18-digit forms of one card the same key', () => {
    expect(idDocumentKey('resident', '130503670401001')).toBe('resident:130503196704010016');
    expect(idDocumentKey('resident', '130503196704010016')).toBe('resident:130503196704010016');
    expect(idDocumentKey('resident', '11010519491231002x')).toBe('resident:11010519491231002X');
  });
  it('keeps only the lifelong part of 回乡证 and 台胞证 numbers', () => {
    expect(idDocumentKey('hkMacau', 'H1234567801')).toBe('hkMacau:H12345678');
    expect(idDocumentKey('hkMacau', 'H12345678')).toBe('hkMacau:H12345678');
    expect(idDocumentKey('taiwan', '1234567801(B)')).toBe('taiwan:12345678');
    expect(idDocumentKey('taiwan', '12345678')).toBe('taiwan:12345678');
  });
  it('keeps types apart and gives 其他 no key', () => {
    expect(idDocumentKey('passport', 'e12345678')).toBe('passport:E12345678');
    expect(idDocumentKey('creditCode', '91350100M000100Y43')).toBe('creditCode:91350100M000100Y43');
    expect(idDocumentKey('other', '123')).toBeNull();
    expect(idDocumentKey('passport', ' ')).toBeNull();
  });
});

describe('idDocumentInput', () => {
  it('outputs the normalised number', () => {
    expect(idDocumentInput.parse({ type: 'resident', number: '130503670401001' })).toEqual({
      type: 'resident',
      number: '130503196704010016',
    });
  });
  it('puts the Chinese message on the number field', () => {
    const r = idDocumentInput.safeParse({ type: 'resident', number: '110105194912310021' });
    expect(r.error?.issues[0]).toMatchObject({ message: '身份证号校验位不正确，应为X', path: ['number'] });
  });
  it('refuses an unknown type or a missing number', () => {
    expect(idDocumentInput.safeParse({ type: 'driver', number: '1' }).error?.issues[0]?.message).toBe('请选择证件类型');
    expect(idDocumentInput.safeParse({ type: 'passport' }).error?.issues[0]?.message).toBe('请输入证件号码');
  });
});
