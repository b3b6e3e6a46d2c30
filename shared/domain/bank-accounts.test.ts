import { describe, expect, it } from 'vitest';
import { accountNumberSchema, maskAccountNumber, normalizeAccountNumber } from './bank-accounts.js';

describe('normalizeAccountNumber', () => {
  it('keeps digits only', () => {
    expect(normalizeAccountNumber('6222 0212 3456 7890 123')).toEqual({ ok: true, number: '6222021234567890123' });
    expect(normalizeAccountNumber('６２２２-０２１２-３４５６')).toEqual({ ok: true, number: '622202123456' });
  });
  it('does not apply Luhn: corporate accounts often fail it', () => {
    // 6222021234567890123 fails Luhn (its Luhn digit would be 4) and is still accepted.
    expect(normalizeAccountNumber('6222021234567890124').ok).toBe(true);
    expect(normalizeAccountNumber('6222021234567890123').ok).toBe(true);
  });
  it('accepts 8 to 30 digits and says what is wrong otherwise', () => {
    expect(normalizeAccountNumber('12345678').ok).toBe(true);
    expect(normalizeAccountNumber('1'.repeat(30)).ok).toBe(true);
    expect(normalizeAccountNumber('1234567')).toEqual({ ok: false, message: '银行账号应为8至30位数字，现在是7位' });
    expect(normalizeAccountNumber('1'.repeat(31))).toEqual({ ok: false, message: '银行账号应为8至30位数字，现在是31位' });
    expect(normalizeAccountNumber('6222O21234567890123')).toEqual({ ok: false, message: '银行账号只能包含数字' });
    expect(normalizeAccountNumber('  ')).toEqual({ ok: false, message: '请输入银行账号' });
  });
});

describe('maskAccountNumber', () => {
  it('keeps the first and last 4 digits', () => {
    expect(maskAccountNumber('6222021234567890123')).toBe('6222 **** **** 0123');
    expect(maskAccountNumber('622202123456')).toBe('6222 **** **** 3456');
    expect(maskAccountNumber('6222 0212 3456 7890 123')).toBe('6222 **** **** 0123');
  });
  it('shows only the last 4 when the number is short', () => {
    expect(maskAccountNumber('62220212345')).toBe('**** 2345');
    expect(maskAccountNumber('12345678')).toBe('**** 5678');
    expect(maskAccountNumber('1234')).toBe('****');
    expect(maskAccountNumber('')).toBe('****');
  });
});

describe('accountNumberSchema', () => {
  it('outputs digits with the Chinese message on failure', () => {
    expect(accountNumberSchema.parse('6222 0212 3456 7890 123')).toBe('6222021234567890123');
    expect(accountNumberSchema.safeParse('123').error?.issues[0]?.message).toBe('银行账号应为8至30位数字，现在是3位');
    expect(accountNumberSchema.safeParse(undefined).error?.issues[0]?.message).toBe('请输入银行账号');
  });
});
