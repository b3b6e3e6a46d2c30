import { and, eq, gte, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { normalizeRoomQuery } from '../../shared/domain/building-plan.js';
import { normalizePlate } from '../../shared/domain/plates.js';
import type { SiteDb } from '../open.js';
import { customerPhones, customers, resources, vehicles } from '../schema.js';
import { aliveOn, today } from './resources.js';

/**
 * 全能搜索: one box, many kinds of query. Every path is an index lookup, so a query stays
 * fast on hundreds of thousands of customers:
 * - names: exact, starts-with (index on name), ends-with (index on the reversed name), and
 *   any part of three or more characters through the FTS5 trigram index. Two-character
 *   names (张三) are whole-name or prefix/suffix hits, which trigrams cannot give.
 * - pinyin initials and full pinyin: starts-with on their indexes (zs → 张三).
 * - phones and ID numbers: "last 4+ digits" is starts-with on the reversed digits.
 * - plates and room codes: normalised, then exact or starts-with.
 * Lower rank is better; results keep the best rank a row reached.
 */
export interface Match {
  id: string;
  rank: number;
  matched: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const reversed = (s: string) => [...s].reverse().join('');

function startsWith(column: AnySQLiteColumn, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, `${prefix}\uffff`))!;
}

class Ranked {
  private readonly best = new Map<string, Match>();
  add(rows: readonly { id: string }[], rank: number, matched: string): void {
    for (const { id } of rows) {
      const seen = this.best.get(id);
      if (!seen || seen.rank > rank) this.best.set(id, { id, rank, matched });
    }
  }
  top(limit: number): Match[] {
    return [...this.best.values()].sort((a, b) => a.rank - b.rank).slice(0, limit);
  }
}

const liveCustomer = and(isNull(customers.deletedAt), isNull(customers.mergedInto))!;

export function matchCustomers(db: SiteDb, query: string, limit: number): Match[] {
  const q = query.normalize('NFKC').trim();
  const found = new Ranked();
  if (q === '') return [];
  const where = (condition: SQL, rank: number, matched: string) =>
    found.add(
      db.select({ id: customers.id }).from(customers).where(and(condition, liveCustomer)).limit(limit).all(),
      rank,
      matched,
    );

  if (CJK.test(q)) {
    where(eq(customers.name, q), 0, '姓名');
    where(startsWith(customers.name, q), 1, '姓名');
    where(startsWith(customers.nameReversed, reversed(q)), 2, '姓名');
    if ([...q].length >= 3) {
      const rows = db.$client
        .prepare(
          `SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
           WHERE customers_fts MATCH ? AND c.deleted_at IS NULL AND c.merged_into IS NULL LIMIT ?`,
        )
        .all(`"${q.replace(/"/g, '""')}"`, limit) as { id: string }[];
      found.add(rows, 3, '姓名');
    }
  }

  const letters = q.toLowerCase().replace(/\s+/g, '');
  if (/^[a-z]{2,}$/.test(letters)) {
    where(eq(customers.nameInitials, letters), 1, '拼音首字母');
    where(startsWith(customers.nameInitials, letters), 2, '拼音首字母');
    where(startsWith(customers.namePinyin, letters), 2, '拼音');
  }

  const digits = q.replace(/[\s\-+]/g, '');
  if (/^\d{4,}$/.test(digits)) {
    const phoneRows = db
      .selectDistinct({ id: customerPhones.customerId })
      .from(customerPhones)
      .innerJoin(customers, eq(customers.id, customerPhones.customerId))
      .where(and(startsWith(customerPhones.reversed, reversed(digits)), isNull(customerPhones.deletedAt), liveCustomer))
      .limit(limit)
      .all();
    found.add(phoneRows, digits.length >= 11 ? 0 : 2, '电话');
  }
  const idTail = q.toUpperCase().replace(/\s+/g, '');
  if (/^[0-9A-Z]{4,}$/.test(idTail)) {
    where(startsWith(customers.idReversed, reversed(idTail)), idTail.length >= 15 ? 0 : 2, '证件号');
  }
  return found.top(limit);
}

export function matchVehicles(db: SiteDb, query: string, limit: number): Match[] {
  const plate = normalizePlate(query);
  if (plate.length < 3 || !/[0-9A-Z]/.test(plate)) return [];
  const found = new Ranked();
  const live = isNull(vehicles.deletedAt);
  found.add(
    db
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(eq(vehicles.plate, plate), live))
      .limit(limit)
      .all(),
    0,
    '车牌',
  );
  found.add(
    db
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(startsWith(vehicles.plate, plate), live))
      .limit(limit)
      .all(),
    1,
    '车牌',
  );
  if (!CJK.test(plate)) {
    found.add(
      db
        .select({ id: vehicles.id })
        .from(vehicles)
        .where(and(startsWith(vehicles.plateReversed, reversed(plate)), live))
        .limit(limit)
        .all(),
      2,
      '车牌',
    );
  }
  return found.top(limit);
}

export function matchResources(db: SiteDb, query: string, projectIds: readonly string[], limit: number): Match[] {
  if (projectIds.length === 0) return [];
  const q = query.normalize('NFKC').trim().toUpperCase();
  if (q === '') return [];
  const found = new Ranked();
  const scope = and(inArray(resources.projectId, [...projectIds]), aliveOn(today()))!;
  const room = normalizeRoomQuery(q);
  if (room?.searchCode)
    found.add(
      db
        .select({ id: resources.id })
        .from(resources)
        .where(and(eq(resources.searchCode, room.searchCode), scope))
        .limit(limit)
        .all(),
      0,
      '房号',
    );
  if (room?.shortCode)
    found.add(
      db
        .select({ id: resources.id })
        .from(resources)
        .where(and(eq(resources.shortCode, room.shortCode), scope))
        .limit(limit)
        .all(),
      1,
      '房号',
    );
  if (/^[0-9A-Z][0-9A-Z-]{1,}$/.test(q)) {
    // One query for all visible projects: the (project_id, code) index is searched once per
    // project inside SQLite, rather than one statement per project from here.
    found.add(
      db
        .select({ id: resources.id })
        .from(resources)
        .where(and(startsWith(resources.code, q), scope))
        .limit(limit)
        .all(),
      q.includes('-') ? 1 : 3,
      '编码',
    );
  }
  return found.top(limit);
}
