import { sql } from 'drizzle-orm';
import { newestClock } from '../../shared/sync/merge.js';
import { query, toServerRecord, type Sql } from './records.js';

/**
 * Whose authority a pushed change is decided on. Every change keeps its author (the change
 * log's actor): when another employee signs in on a device while the previous one's changes are
 * unsent, the device pushes them under the new session, and the server decides each on its
 * AUTHOR's rights at the time the change was made (its HLC), never on the pusher's, and never
 * re-attributes it. The pusher is recorded with the outcome (`outcomes.employee_id`).
 *
 * - An employee author must have signed in on this device (device_employees): a device cannot
 *   lend one employee's changes another's rights by naming them.
 * - Project records: the author held a grant of the project when the change was made (a grant
 *   record live at the change's stamp; all projects for an allProjects employee).
 * - Organisation records: the author is an administrator.
 * - An author who is no employee is the device's local operator before anyone signed in there:
 *   that work goes on the authority of the employee who pushes it (who signed in to send it).
 */
export interface AuthorAccess {
  kind: 'employee';
  employeeId: string;
  isAdmin: boolean;
  allProjects: boolean;
  /** The author has signed in on the pushing device (always so for the pusher). */
  onDevice: boolean;
  /** Grants, each live from `from` to `until` (HLC stamps; `until` null: still live). */
  grants: readonly { projectId: string; from: string; until: string | null }[];
}

/** The authors of a push's changes who are employees, by id (others: the device's local operator). */
export async function loadAuthors(
  db: Sql,
  deviceId: string,
  pusherId: string,
  actorIds: readonly string[],
): Promise<Map<string, AuthorAccess>> {
  const ids = [...new Set(actorIds)];
  const authors = new Map<string, AuthorAccess>();
  if (ids.length === 0) return authors;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const accounts = await query<{ employee_id: string; is_admin: boolean; on_device: boolean; all_projects: string | null }>(
    db,
    sql`SELECT a.employee_id, a.is_admin,
               EXISTS (SELECT 1 FROM device_employees d WHERE d.device_id = ${deviceId} AND d.employee_id = a.employee_id) AS on_device,
               (SELECT r.fields->>'allProjects' FROM records r WHERE r.entity = 'employee' AND r.id = a.employee_id) AS all_projects
        FROM accounts a WHERE a.employee_id IN (${list})`,
  );
  if (accounts.length === 0) return authors;
  const grants = new Map<string, { projectId: string; from: string; until: string | null }[]>();
  const rows = await query<Parameters<typeof toServerRecord>[0]>(
    db,
    sql`SELECT * FROM records WHERE entity = 'projectGrant' AND fields->>'employeeId' IN (${list})`,
  );
  for (const record of rows.map(toServerRecord)) {
    if (!record.projectId) continue;
    const employeeId = String(record.fields.employeeId);
    const { deletedAt: deletedClock, ...created } = record.clocks;
    const from = Object.values(created).sort()[0] ?? newestClock(record.clocks);
    if (!from) continue;
    const deleted = record.fields.deletedAt !== null && record.fields.deletedAt !== undefined;
    grants.set(employeeId, [
      ...(grants.get(employeeId) ?? []),
      { projectId: record.projectId, from, until: deleted ? (deletedClock ?? from) : null },
    ]);
  }
  for (const a of accounts) {
    authors.set(a.employee_id, {
      kind: 'employee',
      employeeId: a.employee_id,
      isAdmin: a.is_admin,
      allProjects: a.all_projects === 'true',
      onDevice: a.on_device || a.employee_id === pusherId,
      grants: grants.get(a.employee_id) ?? [],
    });
  }
  return authors;
}

/** Whether the author held a grant of `projectId` when they made a change stamped `hlc`. */
export function heldGrant(author: AuthorAccess, projectId: string, hlc: string): boolean {
  if (author.allProjects) return true;
  return author.grants.some((g) => g.projectId === projectId && g.from <= hlc && (g.until === null || hlc < g.until));
}
