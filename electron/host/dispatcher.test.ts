import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type Handlers } from '../../shared/api/contract.js';
import { AppError } from '../../shared/errors.js';
import { createDispatcher } from './dispatcher.js';

/** Handlers that record every call that reaches them, to prove what never does. */
function recordingHandlers(impl: Partial<Record<string, (args: unknown) => unknown>> = {}) {
  const reached: string[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      (args: unknown) => {
        reached.push(name);
        return impl[name]?.(args) ?? null;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, reached };
}

describe('the contract at the boundary', () => {
  it('rejects bad input before any service runs, with Chinese field messages', async () => {
    const { handlers, reached } = recordingHandlers();
    const dispatch = createDispatcher(handlers, () => undefined);
    const bad = [
      ['dict.create', { typeCode: 'customerSource', name: '' }],
      ['dict.create', { typeCode: 'noSuchType', name: '来电' }],
      ['dict.setInvalid', { ids: [], invalid: true }],
      ['dict.get', { id: 'not-a-uuid' }],
      ['dict.list', { typeCode: 'customerSource', page: 0 }],
      ['dict.move', { id: '0190c5a0-0000-7000-8000-000000000000', to: 'sideways' }],
      ['customField.create', { target: 'customer', title: '标题', fieldType: 'blob' }],
      ['dict.create', null],
      ['dict.create', 'just a string'],
    ] as const;
    for (const [name, input] of bad) {
      const result = await dispatch(name, input);
      expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('VALIDATION');
        expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(reached).toEqual([]);
  });

  it('answers UNKNOWN_CALL for names outside the contract, including prototype keys', async () => {
    const { handlers, reached } = recordingHandlers();
    const dispatch = createDispatcher(handlers, () => undefined);
    for (const name of ['dict.drop', 'constructor', '__proto__', 42, undefined]) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(reached).toEqual([]);
  });

  it('passes parsed input on, and turns failures into codes without stack traces', async () => {
    const logged: unknown[] = [];
    const { handlers } = recordingHandlers({
      'dict.create': (args) => ({ received: args }),
      'dict.get': () => {
        throw new AppError('NOT_FOUND');
      },
      'dict.list': () => {
        throw new TypeError('secret internals at /home/app/db.ts:42');
      },
    });
    const dispatch = createDispatcher(handlers, (_level, _message, detail) => logged.push(detail));
    expect(await dispatch('dict.create', { typeCode: 'customerSource', name: ' 来电 ' })).toEqual({
      ok: true,
      value: { received: { typeCode: 'customerSource', name: '来电', remark: '' } },
    });
    expect(await dispatch('dict.get', { id: '0190c5a0-0000-7000-8000-000000000000' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '记录不存在或已被删除' },
    });
    const internal = await dispatch('dict.list', { typeCode: 'customerSource' });
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统内部错误，请稍后重试或联系IT人员' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });
});
