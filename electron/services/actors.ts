import { employeeNames } from '../../db/queries/org.js';
import type { ServiceContext } from './context.js';

/**
 * Rows carry only the id of who changed them last; lists show a name. Employees come with
 * the group's data; the device's own operator is known from the session.
 */
export function withActorNames<T extends { updatedBy: string }>(
  ctx: ServiceContext,
  rows: T[],
): (T & { updatedByName: string })[] {
  const operator = ctx.info().operator;
  const names = employeeNames(ctx.db, [...new Set(rows.map((r) => r.updatedBy))]);
  names.set(operator.id, operator.name);
  return rows.map((r) => ({ ...r, updatedByName: names.get(r.updatedBy) ?? r.updatedBy }));
}
