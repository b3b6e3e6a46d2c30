import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { decodeHlc } from '../shared/sync/hlc.js';
import { isUuidv7 } from '../shared/ids/uuidv7.js';
import { recordHistory } from './queries/history.js';
import { tempDatabase, type TempDatabase } from './testing/temp-db.js';

let t: TempDatabase;
beforeEach(() => {
  t = tempDatabase();
});
afterEach(() => t.dispose());

const count = (table: string) => t.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const newItem = { projectId: null, typeCode: 'customerSource', name: '电话来访', remark: '', sortOrder: 1, invalid: false };

describe('the write path', () => {
  it('writes the row and its change-log entry together, with who, when, device and every field', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', newItem));
    expect(isUuidv7(row.id)).toBe(true);
    expect(row.createdBy).toBe('u-test');
    const [entry, ...rest] = recordHistory(t.db, 'dictItem', row.id);
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      op: 'create',
      actorId: 'u-test',
      actorName: '测试员',
      deviceId: 'device-test',
      entity: 'dictItem',
    });
    expect(entry!.changes.name).toEqual({ old: null, new: '电话来访' });
    expect(entry!.changes).not.toHaveProperty('createdAt');
    expect(Date.parse(entry!.at)).not.toBeNaN();
  });

  it('logs only the fields an update changed, old → new, and nothing for a no-op update', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', newItem));
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '网络推广', remark: '', invalid: false }));
    t.writer.transaction((tx) => tx.update('dictItem', row.id, { name: '网络推广' }));
    const history = recordHistory(t.db, 'dictItem', row.id);
    expect(history.map((h) => h.op)).toEqual(['create', 'update']);
    expect(history[1]!.changes).toEqual({ name: { old: '电话来访', new: '网络推广' } });
  });

  it('rolls back the row and its log when the work fails after writing', () => {
    expect(() =>
      t.writer.transaction((tx) => {
        tx.create('dictItem', newItem);
        throw new Error('fails after the write');
      }),
    ).toThrow('fails after the write');
    expect(count('dict_items')).toBe(0);
    expect(count('change_log')).toBe(0);
  });

  it('rolls back the row when its change-log entry cannot be written', () => {
    t.sqlite.exec("CREATE TRIGGER refuse_log BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'log refused'); END");
    expect(() => t.writer.transaction((tx) => tx.create('dictItem', newItem))).toThrow('log refused');
    expect(count('dict_items')).toBe(0);
    const existing = (() => {
      t.sqlite.exec('DROP TRIGGER refuse_log');
      const row = t.writer.transaction((tx) => tx.create('dictItem', newItem));
      t.sqlite.exec("CREATE TRIGGER refuse_log BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'log refused'); END");
      return row;
    })();
    expect(() => t.writer.transaction((tx) => tx.update('dictItem', existing.id, { name: '改不了' }))).toThrow('log refused');
    expect(t.sqlite.prepare('SELECT name FROM dict_items WHERE id = ?').pluck().get(existing.id)).toBe('电话来访');
  });

  it('tombstones instead of deleting, and can bring the row back', () => {
    const row = t.writer.transaction((tx) => tx.create('dictItem', newItem));
    t.writer.transaction((tx) => tx.remove('dictItem', row.id));
    expect(count('dict_items')).toBe(1);
    expect(() => t.writer.transaction((tx) => tx.get('dictItem', row.id))).toThrow(AppError);
    const back = t.writer.transaction((tx) => tx.undelete('dictItem', row.id));
    expect(back.deletedAt).toBeNull();
    expect(recordHistory(t.db, 'dictItem', row.id).map((h) => h.op)).toEqual(['create', 'delete', 'undelete']);
  });

  it('answers NOT_FOUND for an update of a row that does not exist, writing nothing', () => {
    expect(() =>
      t.writer.transaction((tx) => tx.update('dictItem', '0190c5a0-0000-7000-8000-000000000000', { name: 'x' })),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(count('change_log')).toBe(0);
  });

  it('groups the changes of one transaction under one txId and stamps them in HLC order', () => {
    const [a, b] = t.writer.transaction((tx) => [
      tx.create('dictItem', newItem),
      tx.create('dictItem', { ...newItem, name: '朋友介绍', sortOrder: 2 }),
    ]);
    const rows = t.sqlite.prepare('SELECT tx_id, hlc FROM change_log ORDER BY seq').all() as { tx_id: string; hlc: string }[];
    expect(new Set(rows.map((r) => r.tx_id)).size).toBe(1);
    expect(rows[0]!.hlc < rows[1]!.hlc).toBe(true);
    expect(decodeHlc(rows[1]!.hlc).node).toBe('device-test');
    expect(a!.id < b!.id).toBe(true);
  });
});

describe('derived fields', () => {
  it('computes search keys on every creation and on updates that set their sources, whoever writes', () => {
    const customer = t.writer.transaction((tx) =>
      tx.create('customer', {
        projectId: null,
        kind: 'person',
        name: '张三',
        idType: 'resident',
        idNumber: '110105199003071234',
        mergedInto: null,
      }),
    );
    expect(customer).toMatchObject({
      nameInitials: 'zs',
      namePinyin: 'zhangsan',
      nameReversed: '三张',
      idKey: 'resident:110105199003071234',
    });
    // An update of another field leaves them (and logs nothing of them) …
    t.writer.transaction((tx) => tx.update('customer', customer.id, { remark: '老客户' }));
    // … one of the name recomputes them, even when the caller sends stale ones.
    const renamed = t.writer.transaction((tx) => tx.update('customer', customer.id, { name: '李四', nameInitials: 'zs' }));
    expect(renamed).toMatchObject({ nameInitials: 'ls', namePinyin: 'lisi', nameReversed: '四李' });
    const history = recordHistory(t.db, 'customer', customer.id);
    expect(Object.keys(history[1]!.changes)).toEqual(['remark']);

    const phone = t.writer.transaction((tx) =>
      tx.create('customerPhone', { projectId: null, customerId: customer.id, number: '138 0013 8000', isPrimary: true }),
    );
    expect(phone).toMatchObject({ number: '13800138000', kind: 'mobile', reversed: '00083100831' });

    const vehicle = t.writer.transaction((tx) =>
      tx.create('vehicle', {
        projectId: null,
        customerId: customer.id,
        plate: '沪AD12345',
        model: '',
        color: '',
        parkingId: null,
      }),
    );
    expect(vehicle).toMatchObject({ plateReversed: '54321DA沪', newEnergy: true });
  });

  it('keeps the search codes a 楼盘表 plan gives a room, and derives them from a code typed by hand', () => {
    const base = { projectId: 'p1', kind: 'room' as const, name: '0301', validFrom: '2026-01-01' };
    const planned = t.writer.transaction((tx) =>
      tx.create('resource', { ...base, code: 'A-2-0301', searchCode: 'A-2-301', shortCode: 'A-301' }),
    );
    expect(planned).toMatchObject({ searchCode: 'A-2-301', shortCode: 'A-301' });
    const typed = t.writer.transaction((tx) => tx.create('resource', { ...base, code: '1-2-0301' }));
    expect(typed).toMatchObject({ searchCode: '1-2-301', shortCode: '' });
    const recoded = t.writer.transaction((tx) => tx.update('resource', typed.id, { code: '3-0502' }));
    expect(recoded).toMatchObject({ searchCode: '3-0502', shortCode: '3-502' });
  });
});
