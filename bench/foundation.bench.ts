/**
 * Foundation figures: the raw encrypted-SQLite insert rate (the physical reference every later
 * target is compared with), the cost of the single write path on top of it, and the
 * dictionary list query the 基础数据维护 screen runs.
 */
import { tempDatabase } from '../db/testing/temp-db.js';
import { listDictItems } from '../db/queries/dictionaries.js';
import { uuidv7 } from '../shared/ids/uuidv7.js';
import { timeIt, type Measurement } from './harness.js';

export function foundationBench(): Measurement[] {
  const results: Measurement[] = [];
  const t = tempDatabase();
  try {
    const rows = 100_000;
    const insert = t.sqlite.prepare(
      `INSERT INTO dict_items (id, project_id, created_at, created_by, updated_at, updated_by, type_code, name, remark, sort_order, invalid)
       VALUES (?, NULL, ?, 'u', ?, 'u', 'bench', ?, '', ?, 0)`,
    );
    const now = new Date().toISOString();
    let start = process.hrtime.bigint();
    t.sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(uuidv7(), now, now, `名称${i}`, i);
    })();
    let seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results.push({ name: 'raw SQLCipher insert (one transaction)', unit: 'rows/s', value: rows / seconds, note: `${rows} rows` });

    const viaWritePath = 20_000;
    start = process.hrtime.bigint();
    t.writer.transaction((tx) => {
      for (let i = 0; i < viaWritePath; i++) {
        tx.create('dictItem', {
          projectId: null,
          typeCode: 'customerSource',
          name: `来源${i}`,
          remark: '',
          sortOrder: i + 1,
          invalid: false,
        });
      }
    });
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results.push({
      name: 'write path create (row + change log, one tx)',
      unit: 'rows/s',
      value: viaWritePath / seconds,
      note: `${viaWritePath} rows`,
    });

    const ids = t.sqlite
      .prepare("SELECT id FROM dict_items WHERE type_code = 'customerSource' LIMIT 2000")
      .pluck()
      .all() as string[];
    results.push(
      timeIt('write path update, own transaction (durable)', 1000, (i) => {
        const id = ids[Math.abs(i) % ids.length]!;
        t.writer.transaction((tx) => tx.update('dictItem', id, { remark: `备注${i}` }));
      }),
    );
    results.push(
      timeIt('dictionary list, page 50 of 20,000, name filter', 200, (i) => {
        listDictItems(t.db, {
          typeCode: 'customerSource',
          name: i % 2 ? '来源19' : undefined,
          invalid: 'all',
          page: 50,
          pageSize: 20,
        });
      }),
    );
  } finally {
    t.dispose();
  }
  return results;
}
