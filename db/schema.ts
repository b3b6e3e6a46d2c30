import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * Columns every synced record carries. Ids are client-minted UUIDv7; project_id is
 * null for group-global records (dictionaries, customers); rows are never deleted,
 * only tombstoned through deleted_at, so a delete can sync and be restored.
 */
const synced = {
  id: text('id').primaryKey(),
  projectId: text('project_id'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  deletedAt: text('deleted_at'),
};

/** Device-local settings: device id, HLC high-water mark, operator. Never synced. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The change log: one row per change of one record, written in the same transaction
 * as the change itself. It is the audit history (修改历史) and the sync outbox.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    changeId: text('change_id').notNull().unique(),
    txId: text('tx_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    projectId: text('project_id'),
    op: text('op', { enum: ['create', 'update', 'delete', 'undelete'] }).notNull(),
    /** JSON: { field: { old, new } } for every field the change touched. */
    changes: text('changes').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    deviceId: text('device_id').notNull(),
    at: text('at').notNull(),
    hlc: text('hlc').notNull(),
    /** Set by the sync worker once the group server has acknowledged the change. */
    pushedAt: text('pushed_at'),
  },
  (t) => [
    index('change_log_entity_idx').on(t.entity, t.entityId, t.seq),
    index('change_log_outbox_idx').on(t.seq).where(sql`${t.pushedAt} IS NULL`),
  ],
);

export const dictItems = sqliteTable(
  'dict_items',
  {
    ...synced,
    typeCode: text('type_code').notNull(),
    name: text('name').notNull(),
    remark: text('remark').notNull().default(''),
    sortOrder: integer('sort_order').notNull(),
    invalid: integer('invalid', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('dict_items_type_idx').on(t.typeCode, t.sortOrder), index('dict_items_name_idx').on(t.typeCode, t.name)],
);

export const customFieldDefs = sqliteTable(
  'custom_field_defs',
  {
    ...synced,
    target: text('target', { enum: ['customer', 'resource'] }).notNull(),
    title: text('title').notNull(),
    fieldType: text('field_type', { enum: ['select', 'integer', 'decimal', 'text'] }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull(),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('custom_field_defs_target_idx').on(t.target, t.sortOrder)],
);

export const customFieldOptions = sqliteTable(
  'custom_field_options',
  {
    ...synced,
    defId: text('def_id')
      .notNull()
      .references((): AnySQLiteColumn => customFieldDefs.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull(),
    invalid: integer('invalid', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('custom_field_options_def_idx').on(t.defId, t.sortOrder)],
);
