import { sql, type SQL } from 'drizzle-orm';
import type { z } from '../../shared/validation.js';
import type { EntityName } from '../../shared/domain/audit.js';
import { codeSchema, projectInput, regionInput, type ProjectStatus } from '../../shared/domain/org.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { ServerDb } from '../db/open.js';
import { AdminError } from '../errors.js';
import type { SyncStore } from '../sync/store.js';

/**
 * The group's organisation as administrators set it up from the server (regions, projects),
 * written through the store like any synced change so every device pulls it.
 */
export interface AdminContext {
  db: ServerDb;
  store: SyncStore;
  /** Who the changes are recorded as. */
  actor?: { id: string; name: string };
  now?: () => Date;
}

export const SERVER_ADMIN_ACTOR = { id: 'server-admin', name: '集团服务器管理员' } as const;

export function actorOf(ctx: AdminContext): { id: string; name: string } {
  return ctx.actor ?? SERVER_ADMIN_ACTOR;
}

/** Rows of a raw query, whichever driver (node-postgres or PGlite) ran it. */
export async function rows<T>(db: ServerDb, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** Parses admin input with a domain schema; its Chinese messages become the refusal. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AdminError(
    parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('；'),
  );
}

export interface OrgRecord {
  id: string;
  projectId: string | null;
  fields: Record<string, unknown>;
}

/** Live (not deleted) records of an entity. */
export async function liveRecords(db: ServerDb, entity: EntityName, where?: SQL): Promise<OrgRecord[]> {
  return rows<OrgRecord>(
    db,
    sql`SELECT id, project_id AS "projectId", fields FROM records
        WHERE entity = ${entity} AND (fields->>'deletedAt') IS NULL ${where ? sql`AND ${where}` : sql``}
        ORDER BY (fields->>'sortOrder')::numeric NULLS LAST, id`,
  );
}

/** A live region or project by its id or its code (any case). */
async function findByCodeOrId(db: ServerDb, entity: 'region' | 'project', codeOrId: string): Promise<OrgRecord | null> {
  const code = codeSchema.safeParse(codeOrId);
  const byCode = code.success ? sql`OR fields->>'code' = ${code.data}` : sql``;
  const [found] = await liveRecords(db, entity, sql`(id = ${codeOrId} ${byCode})`);
  return found ?? null;
}

export async function findRegion(db: ServerDb, codeOrId: string): Promise<OrgRecord | null> {
  return findByCodeOrId(db, 'region', codeOrId);
}

export async function findProject(db: ServerDb, codeOrId: string): Promise<OrgRecord | null> {
  return findByCodeOrId(db, 'project', codeOrId);
}

export async function createRegion(ctx: AdminContext, input: { code: string; name: string }): Promise<string> {
  const { code, name } = parseInput(regionInput, input);
  if (await findRegion(ctx.db, code)) throw new AdminError(`区域编码“${code}”已被使用`);
  const sortOrder = (await liveRecords(ctx.db, 'region')).length + 1;
  const id = uuidv7();
  await ctx.store.writeAsServer(actorOf(ctx), [
    { entity: 'region', id, projectId: null, op: 'create', fields: { code, name, sortOrder } },
  ]);
  return id;
}

export async function createProject(
  ctx: AdminContext,
  input: { region: string; code: string; name: string; city?: string; address?: string; status?: string },
): Promise<string> {
  const region = await findRegion(ctx.db, input.region);
  if (!region) throw new AdminError(`没有编码或编号为“${input.region}”的区域`);
  const fields = parseInput(projectInput, {
    regionId: region.id,
    code: input.code,
    name: input.name,
    city: input.city,
    address: input.address,
    status: input.status,
  });
  if (await findProject(ctx.db, fields.code)) throw new AdminError(`项目编码“${fields.code}”已被使用`);
  const sortOrder = (await liveRecords(ctx.db, 'project')).length + 1;
  // A project's own record belongs to the project, like everything in it.
  const id = uuidv7();
  const status: ProjectStatus = fields.status;
  await ctx.store.writeAsServer(actorOf(ctx), [
    { entity: 'project', id, projectId: id, op: 'create', fields: { ...fields, status, sortOrder } },
  ]);
  return id;
}
