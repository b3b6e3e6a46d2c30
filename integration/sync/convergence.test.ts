import { describe, expect, it } from 'vitest';
import { check, perform, runConvergence, settle, setUp } from '../harness/convergence.js';

/**
 * The short run of the convergence property (the long one is in `npm run bench`): random
 * offline work in three offices, partitions, duplicated and late deliveries and server
 * restarts end with every office equal to the server and nothing unaccounted for.
 */
describe('convergence', () => {
  it('the check sees an office that differs from the server, or a change left unaccounted', async () => {
    const s = await setUp();
    try {
      await perform(s, { kind: 'createCustomer', office: 0, person: 0 });
      await perform(s, { kind: 'createRoom', office: 1 });
      await settle(s);
      expect(await check(s)).toEqual([]);
      // A value changed behind the sync's back on B, and a change of A's that never left.
      s.offices[1]!.host.database.sqlite.prepare(`UPDATE customers SET remark = '改过' WHERE id = ?`).run(s.customers[0]);
      s.offices[0]!.network.online = false;
      await perform(s, { kind: 'editRoom', office: 0, pick: 0, value: 3 });
      const problems = await check(s);
      expect(problems.some((p) => p.includes('B customer:') && p.includes('remark'))).toBe(true);
      expect(problems.some((p) => p.startsWith('A: change') && p.includes('never reached'))).toBe(true);
    } finally {
      await s.world.close();
    }
  }, 60_000);

  it('every office equals the server after random offline work, partitions and restarts', async () => {
    const result = await runConvergence({ runs: 4, minActions: 25, maxActions: 40, log: (line) => console.log(line) });
    expect(result.actions).toBeGreaterThanOrEqual(100);
    // The comparison looked at real data, not at empty offices.
    expect(result.records).toBeGreaterThan(40);
  }, 240_000);
});
