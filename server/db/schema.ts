import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The group server's store. Every synced record lives in `records`, keyed with its project
 * first ('' for group-global records such as customers), so the store can later be
 * partitioned or sharded by project without touching the protocol. One generic table keeps
 * the server generic over entities: a new entity syncs without a server migration.
 */
export const records = pgTable(
  'records',
  {
    projectKey: text('project_key').notNull(),
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    projectId: text('project_id'),
    /** field → value, audit columns aside. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    /** field → HLC of the write that set it: the field-by-field merge state. */
    clocks: jsonb('clocks').$type<Record<string, string>>().notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectKey, t.entity, t.id] }),
    uniqueIndex('records_entity_id_idx').on(t.entity, t.id),
    index('records_customer_ref_idx').on(t.entity, sql`(${t.fields}->>'customerId')`),
    index('records_resource_ref_idx').on(t.projectKey, t.entity, sql`(${t.fields}->>'resourceId')`),
    index('records_id_key_idx')
      .on(sql`(${t.fields}->>'idKey')`)
      .where(sql`${t.entity} = 'customer'`),
    index('records_employee_ref_idx').on(t.entity, sql`(${t.fields}->>'employeeId')`),
    index('records_member_ref_idx').on(t.entity, sql`(${t.fields}->>'memberId')`),
  ],
);

/** The last seq handed out per feed scope; its row lock orders a scope's commits. */
export const scopes = pgTable('scopes', {
  scope: text('scope').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * Each scope's feed: numbered 1, 2, 3 … without gaps, in commit order. A change published
 * to several scopes (a customer known in two projects) has one entry in each.
 */
export const feed = pgTable(
  'feed',
  {
    scope: text('scope').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    changeId: text('change_id').notNull(),
    txId: text('tx_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    projectId: text('project_id'),
    op: text('op').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    old: jsonb('old').$type<Record<string, unknown>>().notNull(),
    clocks: jsonb('clocks').$type<Record<string, string>>(),
    hlc: text('hlc').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    deviceId: text('device_id').notNull(),
    at: text('at').notNull(),
    record: jsonb('record').$type<{ createdAt: string; createdBy: string; updatedAt: string; updatedBy: string }>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.seq] })],
);

/**
 * What the server decided for every change it was pushed, so the same change pushed again
 * is answered the same way and applied at most once.
 */
export const outcomes = pgTable(
  'outcomes',
  {
    changeId: text('change_id').primaryKey(),
    txId: text('tx_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    deviceId: text('device_id').notNull(),
    employeeId: text('employee_id').notNull(),
    receivedAt: text('received_at').notNull(),
    /** The change as pushed, kept for the server's audit. */
    change: jsonb('change').notNull(),
  },
  (t) => [index('outcomes_tx_idx').on(t.txId)],
);

/** Which projects a group-global customer is known in: its changes reach those feeds. */
export const customerProjects = pgTable(
  'customer_projects',
  {
    customerId: text('customer_id').notNull(),
    projectId: text('project_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.projectId] }), index('customer_projects_project_idx').on(t.projectId)],
);

// ─── Accounts and devices ───

/** Sign-in of an employee; the employee's name, phone … are the synced `employee` record. */
export const accounts = pgTable('accounts', {
  employeeId: text('employee_id').primaryKey(),
  account: text('account').notNull().unique(),
  /** scrypt$N$r$p$salt$hash */
  passwordHash: text('password_hash').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  disabledAt: text('disabled_at'),
});

export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** sha256 of the device token; the token itself is only ever on the device. */
  tokenHash: text('token_hash').notNull().unique(),
  registeredAt: text('registered_at').notNull(),
  registeredBy: text('registered_by').notNull(),
  revokedAt: text('revoked_at'),
  lastSeenAt: text('last_seen_at'),
});

/** One-time registration codes an administrator hands to IT for a new device. */
export const deviceCodes = pgTable('device_codes', {
  codeHash: text('code_hash').primaryKey(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  usedByDevice: text('used_by_device'),
});

/**
 * Every employee who ever signed in on a device (sessions end; this stays): the authors whose
 * unsent changes that device may still push after another employee signs in on it.
 */
export const deviceEmployees = pgTable(
  'device_employees',
  {
    deviceId: text('device_id').notNull(),
    employeeId: text('employee_id').notNull(),
    firstSignedInAt: text('first_signed_in_at').notNull(),
    lastSignedInAt: text('last_signed_in_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.employeeId] })],
);

/** An employee signed in on a device. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  employeeId: text('employee_id').notNull(),
  deviceId: text('device_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** Attachments (photos, signatures, scans), content-addressed by sha256. */
export const blobs = pgTable('blobs', {
  hash: text('hash').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  /** Bytes received so far; the blob is usable once it equals size and the hash checked. */
  received: bigint('received', { mode: 'number' }).notNull(),
  complete: boolean('complete').notNull().default(false),
  createdAt: text('created_at').notNull(),
});

export const blobChunks = pgTable(
  'blob_chunks',
  {
    hash: text('hash').notNull(),
    offset: bigint('offset', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.offset] })],
);

/** Server-wide settings (the HLC high-water mark). */
export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
