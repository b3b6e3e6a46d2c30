import { describe, expect, it } from 'vitest';
import { PLATE_PROVINCES, normalizePlate, plateSchema, validatePlate, type PlateResult } from './plates.js';

const message = (r: PlateResult) => (r.ok ? null : r.message);

describe('normalizePlate', () => {
  it('removes separators, folds full width and upper-cases', () => {
    expect(normalizePlate(' 粤b·12345 ')).toBe('粤B12345');
    expect(normalizePlate('京Ａ－１２３４５')).toBe('京A12345');
    expect(normalizePlate('沪A-D1234 5')).toBe('沪AD12345');
    expect(normalizePlate('浙A.12345')).toBe('浙A12345');
  });
});

describe('ordinary plates', () => {
  it('accepts province + letter + 5 letters or digits', () => {
    expect(validatePlate('京A12345')).toEqual({ ok: true, plate: '京A12345', newEnergy: false });
    expect(validatePlate('粤B·8A8B8')).toEqual({ ok: true, plate: '粤B8A8B8', newEnergy: false });
    expect(validatePlate('川z abcde')).toEqual({ ok: true, plate: '川ZABCDE', newEnergy: false });
  });
  it('knows all 31 province abbreviations', () => {
    expect([...PLATE_PROVINCES]).toHaveLength(31);
    for (const p of PLATE_PROVINCES) expect(validatePlate(`${p}A12345`).ok).toBe(true);
  });
  it('accepts the special-purpose suffixes', () => {
    for (const s of '学警港澳挂领试超')
      expect(validatePlate(`粤Z1234${s}`)).toEqual({ ok: true, plate: `粤Z1234${s}`, newEnergy: false });
  });
  it('says what is wrong', () => {
    expect(message(validatePlate(''))).toBe('请输入车牌号');
    expect(message(validatePlate('港A12345'))).toBe('车牌号第一个字应为省份简称，如京、沪、粤');
    expect(message(validatePlate('AB12345'))).toBe('车牌号第一个字应为省份简称，如京、沪、粤');
    expect(message(validatePlate('京112345'))).toBe('车牌号第二位应为发牌机关字母，如京A中的A');
    expect(message(validatePlate('京I12345'))).toBe('车牌号中不使用字母I和O');
    expect(message(validatePlate('京A1O345'))).toBe('车牌号中不使用字母I和O');
    expect(message(validatePlate('京A1234'))).toBe('车牌号应为7位（新能源车为8位），现在是6位');
    expect(message(validatePlate('京A1234567'))).toBe('车牌号应为7位（新能源车为8位），现在是9位');
    expect(message(validatePlate('京A1234使'))).toContain('车牌号格式不正确');
    expect(message(validatePlate('京A123警4'))).toContain('车牌号格式不正确');
  });
});

describe('new-energy plates (GA 36-2018)', () => {
  it('accepts small (D/F first) and large (D/F last) forms', () => {
    expect(validatePlate('沪AD12345')).toEqual({ ok: true, plate: '沪AD12345', newEnergy: true });
    expect(validatePlate('粤BF12345')).toEqual({ ok: true, plate: '粤BF12345', newEnergy: true });
    expect(validatePlate('粤BF1A234').ok).toBe(false);
    expect(validatePlate('京ADA1234')).toMatchObject({ ok: true, newEnergy: true });
    expect(validatePlate('粤B12345D')).toEqual({ ok: true, plate: '粤B12345D', newEnergy: true });
    expect(validatePlate('苏E12345F')).toMatchObject({ ok: true, newEnergy: true });
  });
  it('refuses other 8-character forms', () => {
    const msg = '新能源车牌号格式不正确：字母后应为D或F加5位（小型车），或5位数字加D或F（大型车）';
    expect(message(validatePlate('沪AE12345'))).toBe(msg);
    expect(message(validatePlate('沪AD1234A'))).toBe(msg);
    expect(message(validatePlate('沪A1234AD'))).toBe(msg);
    expect(message(validatePlate('沪A12345E'))).toBe(msg);
  });
});

describe('plateSchema', () => {
  it('outputs the stored form with the Chinese message on failure', () => {
    expect(plateSchema.parse('粤b·12345')).toBe('粤B12345');
    expect(plateSchema.safeParse('京A1234').error?.issues[0]?.message).toBe('车牌号应为7位（新能源车为8位），现在是6位');
    expect(plateSchema.safeParse(null).error?.issues[0]?.message).toBe('请输入车牌号');
  });
});
