import { eq, sql } from 'drizzle-orm';
import { accountSchema, employeeInput } from '../../shared/domain/org.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { ServerDb } from '../db/open.js';
import { accounts } from '../db/schema.js';
import { AdminError } from '../errors.js';
import { actorOf, findProject, liveRecords, parseInput, rows, type AdminContext } from '../admin/org.js';
import { DEFAULT_SCRYPT_COST, hashPassword, passwordProblem, type ScryptCost } from './passwords.js';
import { endEmployeeSessions } from './sessions.js';

/**
 * Employees: the synced `employee` record (name, phone … which every device shows) and the
 * server-only `accounts` row (sign-in: account, password hash, administrator, disabled).
 */
export interface EmployeeContext extends AdminContext {
  /** Lower only in tests; production hashes use DEFAULT_SCRYPT_COST. */
  passwordCost?: ScryptCost;
}

export type Account = typeof accounts.$inferSelect;

/** The account as employees type it (any case, full-width) → as stored; null when it cannot be one. */
export function normalizeAccount(account: string): string | null {
  const parsed = accountSchema.safeParse(account);
  return parsed.success ? parsed.data : null;
}

export async function findAccount(db: ServerDb, account: string): Promise<Account | null> {
  const normalized = normalizeAccount(account);
  if (!normalized) return null;
  const [row] = await db.select().from(accounts).where(eq(accounts.account, normalized));
  return row ?? null;
}

async function requireAccount(db: ServerDb, account: string): Promise<Account> {
  const row = await findAccount(db, account);
  if (!row) throw new AdminError(`没有账号“${account}”`);
  return row;
}

/** The signed-in employee as the sync routes need them: account row and the name from the employee record. */
export async function loadEmployee(
  db: ServerDb,
  employeeId: string,
): Promise<{ employeeId: string; account: string; name: string; isAdmin: boolean; disabled: boolean } | null> {
  const [row] = await rows<{ account: string; is_admin: boolean; disabled_at: string | null; name: string | null }>(
    db,
    sql`SELECT a.account, a.is_admin, a.disabled_at, r.fields->>'name' AS name
        FROM accounts a LEFT JOIN records r ON r.entity = 'employee' AND r.id = a.employee_id
        WHERE a.employee_id = ${employeeId}`,
  );
  if (!row) return null;
  return {
    employeeId,
    account: row.account,
    name: row.name || row.account,
    isAdmin: row.is_admin,
    disabled: row.disabled_at !== null,
  };
}

export interface NewEmployee {
  account: string;
  name: string;
  phone?: string;
  department?: string;
  password: string;
  isAdmin?: boolean;
  allProjects?: boolean;
}

/** Creates the employee record (synced to every device) and the account to sign in with. */
export async function createEmployee(ctx: EmployeeContext, input: NewEmployee): Promise<{ employeeId: string; account: string }> {
  const fields = parseInput(employeeInput, {
    account: input.account,
    name: input.name,
    phone: input.phone,
    department: input.department,
    allProjects: input.allProjects ?? false,
  });
  const problem = passwordProblem(input.password);
  if (problem) throw new AdminError(problem);
  if (await findAccount(ctx.db, fields.account)) throw new AdminError(`账号“${fields.account}”已存在`);
  const employeeId = uuidv7();
  const passwordHash = await hashPassword(input.password, ctx.passwordCost ?? DEFAULT_SCRYPT_COST);
  // The account row first: its unique account column settles two admins racing for one name.
  const inserted = await ctx.db
    .insert(accounts)
    .values({ employeeId, account: fields.account, passwordHash, isAdmin: input.isAdmin ?? false })
    .onConflictDoNothing()
    .returning({ employeeId: accounts.employeeId });
  if (inserted.length === 0) throw new AdminError(`账号“${fields.account}”已存在`);
  try {
    await ctx.store.writeAsServer(actorOf(ctx), [{ entity: 'employee', id: employeeId, projectId: null, op: 'create', fields }]);
  } catch (error) {
    await ctx.db.delete(accounts).where(eq(accounts.employeeId, employeeId));
    throw error;
  }
  return { employeeId, account: fields.account };
}

/** Sets a new password; the employee's sessions end, so every device signs in again. */
export async function setPassword(ctx: EmployeeContext, account: string, password: string): Promise<void> {
  const row = await requireAccount(ctx.db, account);
  const problem = passwordProblem(password);
  if (problem) throw new AdminError(problem);
  const passwordHash = await hashPassword(password, ctx.passwordCost ?? DEFAULT_SCRYPT_COST);
  await ctx.db.update(accounts).set({ passwordHash }).where(eq(accounts.employeeId, row.employeeId));
  await endEmployeeSessions(ctx.db, row.employeeId);
}

/** A disabled employee cannot sign in, and their sessions end at once. */
export async function setDisabled(ctx: AdminContext, account: string, disabled: boolean): Promise<void> {
  const row = await requireAccount(ctx.db, account);
  const disabledAt = disabled ? (row.disabledAt ?? (ctx.now?.() ?? new Date()).toISOString()) : null;
  await ctx.db.update(accounts).set({ disabledAt }).where(eq(accounts.employeeId, row.employeeId));
  if (disabled) await endEmployeeSessions(ctx.db, row.employeeId);
}

export async function setAdmin(ctx: AdminContext, account: string, isAdmin: boolean): Promise<void> {
  const row = await requireAccount(ctx.db, account);
  await ctx.db.update(accounts).set({ isAdmin }).where(eq(accounts.employeeId, row.employeeId));
}

/** Live grants of an employee: the granted project is the grant record's projectId. */
export async function liveGrants(db: ServerDb, employeeId: string): Promise<{ id: string; projectId: string }[]> {
  const grants = await liveRecords(db, 'projectGrant', sql`fields->>'employeeId' = ${employeeId}`);
  return grants.flatMap((g) => (g.projectId ? [{ id: g.id, projectId: g.projectId }] : []));
}

async function requireProject(db: ServerDb, project: string): Promise<string> {
  const found = await findProject(db, project);
  if (!found) throw new AdminError(`没有编码或编号为“${project}”的项目`);
  return found.id;
}

/** Lets an employee see a project; returns the grant's id, or null when they already could. */
export async function grantProject(ctx: AdminContext, account: string, project: string): Promise<string | null> {
  const row = await requireAccount(ctx.db, account);
  const projectId = await requireProject(ctx.db, project);
  if ((await liveGrants(ctx.db, row.employeeId)).some((g) => g.projectId === projectId)) return null;
  const id = uuidv7();
  await ctx.store.writeAsServer(actorOf(ctx), [
    { entity: 'projectGrant', id, projectId, op: 'create', fields: { employeeId: row.employeeId } },
  ]);
  return id;
}

/**
 * Takes a project away from an employee (the grant records are deleted); it disappears from
 * their devices at their next sync. Returns how many grants were deleted (0: there was none).
 */
export async function revokeGrant(ctx: AdminContext, account: string, project: string): Promise<number> {
  const row = await requireAccount(ctx.db, account);
  const projectId = await requireProject(ctx.db, project);
  const grants = (await liveGrants(ctx.db, row.employeeId)).filter((g) => g.projectId === projectId);
  if (grants.length === 0) return 0;
  const deletedAt = (ctx.now?.() ?? new Date()).toISOString();
  await ctx.store.writeAsServer(
    actorOf(ctx),
    grants.map((g) => ({ entity: 'projectGrant' as const, id: g.id, projectId, op: 'delete' as const, fields: { deletedAt } })),
  );
  return grants.length;
}

export async function listEmployees(
  db: ServerDb,
): Promise<
  { employeeId: string; account: string; name: string; isAdmin: boolean; disabledAt: string | null; allProjects: boolean }[]
> {
  const found = await rows<{
    employee_id: string;
    account: string;
    is_admin: boolean;
    disabled_at: string | null;
    name: string | null;
    all_projects: boolean | null;
  }>(
    db,
    sql`SELECT a.employee_id, a.account, a.is_admin, a.disabled_at, r.fields->>'name' AS name,
               (r.fields->>'allProjects')::boolean AS all_projects
        FROM accounts a LEFT JOIN records r ON r.entity = 'employee' AND r.id = a.employee_id
        ORDER BY a.account`,
  );
  return found.map((r) => ({
    employeeId: r.employee_id,
    account: r.account,
    name: r.name ?? r.account,
    isAdmin: r.is_admin,
    disabledAt: r.disabled_at,
    allProjects: r.all_projects ?? false,
  }));
}
