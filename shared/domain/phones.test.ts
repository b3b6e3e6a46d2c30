import { describe, expect, it } from 'vitest';
import { normalizePhone, optionalPhoneSchema, phoneSchema, phoneSuffixKey, type PhoneResult } from './phones.js';

const message = (r: PhoneResult) => (r.ok ? null : r.message);

describe('mobiles', () => {
  it('accepts 11 digits starting 13–19 and formats them 3-4-4', () => {
    expect(normalizePhone('13800138000')).toEqual({ ok: true, number: '13800138000', kind: 'mobile', display: '138 0013 8000' });
    for (const p of ['13', '14', '15', '16', '17', '18', '19']) expect(normalizePhone(`${p}912345678`).ok).toBe(true);
  });
  it('ignores spaces, dashes, brackets and full-width digits', () => {
    for (const raw of ['138 0013 8000', '138-0013-8000', '(138)00138000', '１３８００１３８０００', ' 138－0013－8000 ']) {
      expect(normalizePhone(raw)).toMatchObject({ ok: true, number: '13800138000' });
    }
  });
  it('strips +86, 0086 and 86', () => {
    for (const raw of ['+86 138 0013 8000', '+86-13800138000', '008613800138000', '8613800138000', '(+86)13800138000']) {
      expect(normalizePhone(raw)).toMatchObject({ ok: true, number: '13800138000', kind: 'mobile' });
    }
  });
  it('says what is wrong', () => {
    expect(message(normalizePhone('1380013800'))).toBe('手机号应为11位，现在是10位');
    expect(message(normalizePhone('138001380001'))).toBe('手机号应为11位，现在是12位');
    expect(message(normalizePhone('12800138000'))).toBe('手机号第二位应为3至9');
    expect(message(normalizePhone('138O0138000'))).toBe('电话号码只能包含数字、空格、短横线和括号');
    expect(message(normalizePhone(''))).toBe('请输入电话号码');
    expect(message(normalizePhone('13800138000 转 12'))).toBe('只有固定电话可以带分机号');
  });
});

describe('landlines', () => {
  it('accepts 3-digit and 4-digit area codes with 7 or 8 digits', () => {
    expect(normalizePhone('010-12345678')).toEqual({
      ok: true,
      number: '01012345678',
      kind: 'landline',
      display: '010-12345678',
    });
    expect(normalizePhone('(021)62345678')).toMatchObject({ number: '02162345678', display: '021-62345678' });
    expect(normalizePhone('0755 8888 8888')).toMatchObject({ number: '075588888888', display: '0755-88888888' });
    expect(normalizePhone('0571-8765432')).toMatchObject({ number: '05718765432', display: '0571-8765432' });
    expect(normalizePhone('010-1234-5678')).toMatchObject({ number: '01012345678' });
  });
  it('drops the +86 prefix and restores the trunk 0', () => {
    expect(normalizePhone('+86 10 1234 5678')).toMatchObject({ ok: true, number: '01012345678' });
    expect(normalizePhone('+86 (0)21 6234 5678')).toMatchObject({ ok: true, number: '02162345678' });
    expect(normalizePhone('0086-755-88888888')).toMatchObject({ ok: true, number: '075588888888' });
  });
  it('reads extensions written with a dash or 转', () => {
    const expected = {
      ok: true,
      number: '01012345678-1234',
      kind: 'landline',
      display: '010-12345678 转 1234',
      extension: '1234',
    };
    expect(normalizePhone('010-12345678-1234')).toEqual(expected);
    expect(normalizePhone('010 12345678 转 1234')).toEqual(expected);
    expect(normalizePhone('01012345678转1234')).toEqual(expected);
    expect(normalizePhone('010-12345678 分机1234')).toEqual(expected);
    expect(normalizePhone('010-12345678 ext. 1234')).toEqual(expected);
    expect(normalizePhone('+86-10-12345678-1234')).toEqual(expected);
  });
  it('says what is wrong', () => {
    expect(message(normalizePhone('12345678'))).toBe('固定电话请加区号，如010-12345678');
    expect(message(normalizePhone('010-123456'))).toBe('固定电话号码（不含区号010）应为7或8位，现在是6位');
    expect(message(normalizePhone('0755-123456789'))).toBe('固定电话号码（不含区号0755）应为7或8位，现在是9位');
    expect(message(normalizePhone('010-01234567'))).toBe('固定电话号码（不含区号）不能以0开头');
    expect(message(normalizePhone('6234567'))).toBe('固定电话请加区号，如010-12345678');
    expect(message(normalizePhone('13800138'))).toBe('固定电话请加区号，如010-12345678');
    expect(message(normalizePhone('138001380'))).toBe('手机号应为11位，现在是9位');
    expect(message(normalizePhone('0123-4567890'))).toBe('固定电话区号不正确');
    expect(message(normalizePhone('+8+613800138000'))).toBe('“+”只能写在号码开头');
    expect(message(normalizePhone('123'))).toBe('手机号应为11位，现在是3位');
    expect(message(normalizePhone('523'))).toBe('电话号码格式不正确');
  });
});

describe('international numbers', () => {
  it('keeps foreign numbers in E.164 form', () => {
    expect(normalizePhone('+852 9123 4567')).toEqual({
      ok: true,
      number: '+85291234567',
      kind: 'international',
      display: '+85291234567',
    });
    expect(normalizePhone('00886 912 345 678')).toMatchObject({ ok: true, number: '+886912345678' });
    expect(message(normalizePhone('+1234'))).toBe('国际电话号码应为国家代码加号码，共7至15位数字');
    expect(normalizePhone('+852 9123 4567 转 1').ok).toBe(false);
  });
});

describe('phoneSuffixKey', () => {
  it('reverses the digits so a suffix search becomes a prefix search', () => {
    expect(phoneSuffixKey('13800138000')).toBe('00083100831');
    expect(phoneSuffixKey('13800138000').startsWith([...'8000'].reverse().join(''))).toBe(true);
  });
  it('leaves out the extension and the +', () => {
    expect(phoneSuffixKey('01012345678-1234')).toBe('87654321010');
    expect(phoneSuffixKey('+85291234567')).toBe('76543219258');
  });
});

describe('phone schemas', () => {
  it('output the stored form with the Chinese message on failure', () => {
    expect(phoneSchema.parse('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneSchema.safeParse('1380013800').error?.issues[0]?.message).toBe('手机号应为11位，现在是10位');
    expect(phoneSchema.safeParse(undefined).error?.issues[0]?.message).toBe('请输入电话号码');
    expect(phoneSchema.safeParse('').error?.issues[0]?.message).toBe('请输入电话号码');
  });
  it('optionalPhoneSchema lets a blank through as an empty string', () => {
    expect(optionalPhoneSchema.parse(undefined)).toBe('');
    expect(optionalPhoneSchema.parse('  ')).toBe('');
    expect(optionalPhoneSchema.parse('010-12345678')).toBe('01012345678');
    expect(optionalPhoneSchema.safeParse('123').success).toBe(false);
  });
});
