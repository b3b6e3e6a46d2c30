import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

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

/**
 * Device-local settings: device id, HLC high-water mark, operator, and the sync settings
 * (server URL, cursors per scope, last sync). The device and session tokens are secrets kept
 * here too: the whole database is encrypted with the device's key. Never synced.
 */
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
    /**
     * Set by the sync worker once the group server has answered the change (applied, or
     * rejected: then `rejected` is set too). Remote entries are written with it set.
     */
    pushedAt: text('pushed_at'),
    /**
     * The project the user was working in when the change was made: a group-global record
     * (a customer) made there belongs to that project's feed on the server.
     */
    contextProjectId: text('context_project_id'),
    /**
     * The group server refused this change's transaction: the record was rolled back to the
     * server's state, so the change no longer counts for the record's field clocks and is
     * never pushed again. The attempt is kept in sync_conflicts (conflict_id).
     */
    rejected: integer('rejected', { mode: 'boolean' }).notNull().default(false),
    conflictId: text('conflict_id'),
  },
  (t) => [
    index('change_log_entity_idx').on(t.entity, t.entityId, t.seq),
    // A customer's history gathers the logs of its phones, vehicles, relations…: by id alone.
    index('change_log_record_idx').on(t.entityId, t.seq),
    index('change_log_outbox_idx')
      .on(t.seq)
      .where(sql`${t.pushedAt} IS NULL`),
    // Per-record sync state (同步状态 of a row in a list): records with changes not yet
    // answered, and records whose change is in an open conflict. Both stay small.
    index('change_log_pending_idx')
      .on(t.entityId)
      .where(sql`${t.pushedAt} IS NULL`),
    index('change_log_conflict_idx')
      .on(t.entityId, t.conflictId)
      .where(sql`${t.conflictId} IS NOT NULL`),
  ],
);

/**
 * Transactions the group server refused (冲突): the user's attempt, kept after the device
 * rolled the records back to the server's state, until the user retries, edits or discards
 * it. Device-local: not an entity of the write path, never synced.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    /** The refused transaction (change_log.tx_id). */
    txId: text('tx_id').notNull(),
    /** The server's rejection code (STALE_STATE, RELATION_RULE …) and its Chinese message. */
    code: text('code').notNull(),
    message: text('message').notNull(),
    /** JSON [{ entity, entityId, projectId, op, changes: { field: { old, new } } }] in log order. */
    changes: text('changes').notNull(),
    createdAt: text('created_at').notNull(),
    status: text('status', { enum: ['open', 'retried', 'discarded'] })
      .notNull()
      .default('open'),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    /** The new transaction a retry or edit wrote. */
    retryTxId: text('retry_tx_id'),
  },
  (t) => [index('sync_conflicts_status_idx').on(t.status, t.createdAt), index('sync_conflicts_tx_idx').on(t.txId)],
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

// ─── Organisation (集团 → 区域 → 项目, employees and the projects each may see) ───

export const regions = sqliteTable('regions', {
  ...synced,
  code: text('code').notNull(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

/** A project's own row carries its id as project_id, like every project-owned record. */
export const projects = sqliteTable(
  'projects',
  {
    ...synced,
    regionId: text('region_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    city: text('city').notNull().default(''),
    address: text('address').notNull().default(''),
    status: text('status', { enum: ['preparing', 'selling', 'delivering', 'operating', 'closed'] }).notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('projects_region_idx').on(t.regionId, t.sortOrder)],
);

export const employees = sqliteTable(
  'employees',
  {
    ...synced,
    account: text('account').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    department: text('department').notNull().default(''),
    /** Sees every project of the group, whatever the grants say. */
    allProjects: integer('all_projects', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('employees_account_idx').on(t.account)],
);

/** An employee may see a project: the granted project is the row's project_id. */
export const projectGrants = sqliteTable(
  'project_grants',
  {
    ...synced,
    employeeId: text('employee_id').notNull(),
  },
  (t) => [index('project_grants_employee_idx').on(t.employeeId)],
);

// ─── Resources (房产/资源): 项目 → 楼栋 → 单元 → 楼层 → 房间, 车位, 商铺, 公区 ───

export const resources = sqliteTable(
  'resources',
  {
    ...synced,
    parentId: text('parent_id'),
    /** Ancestor ids as "/building/unit/floor/": a whole subtree is one indexed prefix range. */
    path: text('path').notNull().default('/'),
    kind: text('kind', { enum: ['building', 'unit', 'floor', 'room', 'parking', 'shop', 'common', 'other'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Floor level of a floor or what stands on it (basements negative). */
    floorNo: integer('floor_no'),
    buildArea: real('build_area'),
    innerArea: real('inner_area'),
    houseType: text('house_type').notNull().default(''),
    orientation: text('orientation').notNull().default(''),
    use: text('use', { enum: ['residential', 'commercial', 'office', 'parking', 'public', 'other'] }),
    status: text('status', { enum: ['unsold', 'sold', 'delivered', 'occupied', 'rented', 'renovating', 'vacant'] }),
    /** Parking zone (车位分区), shop street, …: free text. */
    zone: text('zone').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    /** JSON { [customFieldDefId]: value }. */
    custom: text('custom').notNull().default('{}'),
    /** Structure in time: a split or merged room ends on a date and stays for history. */
    validFrom: text('valid_from').notNull(),
    endedOn: text('ended_on'),
    /** Normalised codes for the omni search: "1-2-301" and building-room "1-301". */
    searchCode: text('search_code').notNull().default(''),
    shortCode: text('short_code').notNull().default(''),
  },
  (t) => [
    index('resources_parent_idx').on(t.projectId, t.parentId, t.sortOrder),
    index('resources_path_idx').on(t.path),
    index('resources_code_idx').on(t.projectId, t.code),
    index('resources_search_idx').on(t.searchCode),
    index('resources_short_idx').on(t.shortCode),
  ],
);

/** 拆分/合并 lineage: one row per (old → new) pair of one operation. */
export const resourceLineage = sqliteTable(
  'resource_lineage',
  {
    ...synced,
    operationId: text('operation_id').notNull(),
    op: text('op', { enum: ['split', 'merge'] }).notNull(),
    fromId: text('from_id').notNull(),
    toId: text('to_id').notNull(),
    effectiveOn: text('effective_on').notNull(),
  },
  (t) => [index('resource_lineage_from_idx').on(t.fromId), index('resource_lineage_to_idx').on(t.toId)],
);

// ─── Customers (客户): ONE per person or company across the group, keyed by ID document ───

export const customers = sqliteTable(
  'customers',
  {
    ...synced,
    kind: text('kind', { enum: ['person', 'company'] }).notNull(),
    name: text('name').notNull(),
    idType: text('id_type').notNull(),
    idNumber: text('id_number').notNull(),
    /** `type:number`; the group-wide identity. Empty only for customers registered without a document. */
    idKey: text('id_key').notNull().default(''),
    gender: text('gender', { enum: ['male', 'female', 'unknown'] })
      .notNull()
      .default('unknown'),
    birthDate: text('birth_date'),
    email: text('email').notNull().default(''),
    address: text('address').notNull().default(''),
    sourceId: text('source_id'),
    intentionId: text('intention_id'),
    statusId: text('status_id'),
    /** JSON array of customerTag dictionary ids. */
    tags: text('tags').notNull().default('[]'),
    remark: text('remark').notNull().default(''),
    custom: text('custom').notNull().default('{}'),
    /** Search keys derived from the name and document (kept by the write path, indexed). */
    nameInitials: text('name_initials').notNull().default(''),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameReversed: text('name_reversed').notNull().default(''),
    idReversed: text('id_reversed').notNull().default(''),
    /** Set when this customer was merged into another; the row stays for history and undo. */
    mergedInto: text('merged_into'),
  },
  (t) => [
    index('customers_id_key_idx').on(t.idKey),
    index('customers_name_idx').on(t.name),
    index('customers_name_rev_idx').on(t.nameReversed),
    index('customers_initials_idx').on(t.nameInitials),
    index('customers_pinyin_idx').on(t.namePinyin),
    index('customers_id_rev_idx').on(t.idReversed),
  ],
);

export const customerPhones = sqliteTable(
  'customer_phones',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['mobile', 'landline', 'international'] }).notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    /** Digits reversed: "last 4+ digits" becomes an indexed prefix search. */
    reversed: text('reversed').notNull(),
  },
  (t) => [
    index('customer_phones_customer_idx').on(t.customerId),
    index('customer_phones_reversed_idx').on(t.reversed),
    index('customer_phones_number_idx').on(t.number),
  ],
);

export const familyMembers = sqliteTable(
  'family_members',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    memberId: text('member_id').notNull(),
    /** relationType dictionary entry. */
    relationId: text('relation_id'),
  },
  (t) => [index('family_members_customer_idx').on(t.customerId), index('family_members_member_idx').on(t.memberId)],
);

export const vehicles = sqliteTable(
  'vehicles',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    plate: text('plate').notNull(),
    plateReversed: text('plate_reversed').notNull(),
    newEnergy: integer('new_energy', { mode: 'boolean' }).notNull().default(false),
    model: text('model').notNull().default(''),
    color: text('color').notNull().default(''),
    parkingId: text('parking_id'),
  },
  (t) => [
    index('vehicles_customer_idx').on(t.customerId),
    index('vehicles_plate_idx').on(t.plate),
    index('vehicles_plate_rev_idx').on(t.plateReversed),
  ],
);

/** 托收 accounts. The number is stored whole (collections need it) and shown masked. */
export const bankAccounts = sqliteTable(
  'bank_accounts',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    bank: text('bank').notNull(),
    accountName: text('account_name').notNull(),
    accountNumber: text('account_number').notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('bank_accounts_customer_idx').on(t.customerId)],
);

/** 客房关系: who holds which resource in which role, from when to when. */
export const customerResources = sqliteTable(
  'customer_resources',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    resourceId: text('resource_id').notNull(),
    role: text('role', { enum: ['owner', 'coOwner', 'tenant', 'resident', 'family', 'emergencyContact'] }).notNull(),
    /** Co-owners' share in percent. */
    share: real('share'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    remark: text('remark').notNull().default(''),
  },
  (t) => [
    index('customer_resources_customer_idx').on(t.customerId),
    index('customer_resources_resource_idx').on(t.resourceId, t.endDate),
  ],
);

/** A merge of two customers, kept so it shows in history and can be undone. */
export const customerMerges = sqliteTable('customer_merges', {
  ...synced,
  survivorId: text('survivor_id').notNull(),
  mergedId: text('merged_id').notNull(),
  /** JSON [[entity, id], …]: the records moved to the survivor, to move back on undo. */
  moved: text('moved').notNull(),
  undone: integer('undone', { mode: 'boolean' }).notNull().default(false),
});

/**
 * 证件扫描件: a customer's ID scans. The file itself is an attachment, content-addressed by
 * `hash` (sha256): kept under the attachments folder and tracked in local_blobs on each device,
 * sent to and fetched from the group server apart from this record (ENTITY_SYNC blobFields).
 */
export const customerDocuments = sqliteTable(
  'customer_documents',
  {
    ...synced,
    customerId: text('customer_id').notNull(),
    hash: text('hash').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    kind: text('kind', { enum: ['idFront', 'idBack', 'other'] }).notNull(),
    fileName: text('file_name').notNull().default(''),
    takenAt: text('taken_at'),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('customer_documents_customer_idx').on(t.customerId), index('customer_documents_hash_idx').on(t.hash)],
);

// ─── Handover (收楼/交付) and inspection (验房): shared/domain/handover.ts tells the rules ───

/** 交付批次. */
export const handoverBatches = sqliteTable('handover_batches', {
  ...synced,
  name: text('name').notNull(),
  plannedStart: text('planned_start').notNull(),
  plannedEnd: text('planned_end').notNull(),
  status: text('status', { enum: ['planned', 'active', 'closed'] }).notNull().default('planned'),
  remark: text('remark').notNull().default(''),
});

/** 交付单: one room of a batch. `status` is guarded in sync: a room is received once. */
export const handovers = sqliteTable(
  'handovers',
  {
    ...synced,
    batchId: text('batch_id').notNull(),
    resourceId: text('resource_id').notNull(),
    /** JSON Buyer[]: the buyers (购房人) who become the owner group on acceptance. */
    buyers: text('buyers').notNull().default('[]'),
    status: text('status', { enum: ['waiting', 'accepted', 'acceptedWithDefects', 'refused'] })
      .notNull()
      .default('waiting'),
    outcomeOn: text('outcome_on'),
    outcomeInspectionId: text('outcome_inspection_id'),
    refusalReason: text('refusal_reason').notNull().default(''),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('handovers_batch_idx').on(t.batchId), index('handovers_resource_idx').on(t.resourceId)],
);

/** 预约. */
export const handoverAppointments = sqliteTable(
  'handover_appointments',
  {
    ...synced,
    handoverId: text('handover_id').notNull(),
    resourceId: text('resource_id').notNull(),
    customerId: text('customer_id').notNull(),
    date: text('date').notNull(),
    slot: text('slot').notNull(),
    status: text('status', { enum: ['booked', 'arrived', 'noShow', 'rescheduled', 'cancelled'] })
      .notNull()
      .default('booked'),
    rescheduledTo: text('rescheduled_to'),
    remark: text('remark').notNull().default(''),
  },
  (t) => [
    index('handover_appointments_day_idx').on(t.projectId, t.date, t.slot),
    index('handover_appointments_handover_idx').on(t.handoverId),
  ],
);

/** 验房模板: one row per version; versions of one template share family_id. */
export const inspectionTemplates = sqliteTable(
  'inspection_templates',
  {
    ...synced,
    familyId: text('family_id').notNull(),
    name: text('name').notNull(),
    houseType: text('house_type').notNull().default(''),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull().default('draft'),
    /** JSON TemplateArea[]. */
    areas: text('areas').notNull(),
    floorPlanHash: text('floor_plan_hash'),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('inspection_templates_family_idx').on(t.familyId, t.version)],
);

/** 验房. `status` is guarded in sync: an inspection completes once. */
export const inspections = sqliteTable(
  'inspections',
  {
    ...synced,
    resourceId: text('resource_id').notNull(),
    handoverId: text('handover_id'),
    kind: text('kind', { enum: ['pre', 'owner'] }).notNull(),
    customerId: text('customer_id'),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    status: text('status', { enum: ['open', 'completed'] }).notNull().default('open'),
    startedAt: text('started_at').notNull(),
    completedAt: text('completed_at'),
    outcome: text('outcome', { enum: ['accepted', 'acceptedWithDefects', 'refused'] }),
    outcomeOn: text('outcome_on'),
    refusalReason: text('refusal_reason').notNull().default(''),
    ownerSignatureHash: text('owner_signature_hash'),
    ownerSignedAt: text('owner_signed_at'),
    ownerSignerName: text('owner_signer_name').notNull().default(''),
    staffSignatureHash: text('staff_signature_hash'),
    staffSignedAt: text('staff_signed_at'),
    staffSignerName: text('staff_signer_name').notNull().default(''),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('inspections_resource_idx').on(t.resourceId), index('inspections_handover_idx').on(t.handoverId)],
);

/** One check item of an inspection, copied from its template version when it starts. */
export const inspectionItems = sqliteTable(
  'inspection_items',
  {
    ...synced,
    inspectionId: text('inspection_id').notNull(),
    area: text('area').notNull(),
    name: text('name').notNull(),
    seq: integer('seq').notNull(),
    result: text('result', { enum: ['pass', 'fail', 'na'] }),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('inspection_items_inspection_idx').on(t.inspectionId, t.seq)],
);

/** 缺陷. `status` is guarded in sync: two people moving one defect meet as a conflict. */
export const defects = sqliteTable(
  'defects',
  {
    ...synced,
    resourceId: text('resource_id').notNull(),
    inspectionId: text('inspection_id').notNull(),
    itemId: text('item_id'),
    area: text('area').notNull(),
    pinX: real('pin_x'),
    pinY: real('pin_y'),
    categoryId: text('category_id'),
    description: text('description').notNull(),
    severity: text('severity', { enum: ['minor', 'major', 'critical'] }).notNull().default('minor'),
    contractor: text('contractor').notNull().default(''),
    dueDate: text('due_date'),
    status: text('status', { enum: ['open', 'rectifying', 'awaitingReinspection', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: text('closed_at'),
  },
  (t) => [
    index('defects_resource_idx').on(t.resourceId, t.status),
    index('defects_inspection_idx').on(t.inspectionId),
    index('defects_status_idx').on(t.projectId, t.status),
  ],
);

/** A step of a defect's rectification: who moved it, when, from where to where, why. */
export const defectSteps = sqliteTable(
  'defect_steps',
  {
    ...synced,
    defectId: text('defect_id').notNull(),
    action: text('action', { enum: ['start', 'submit', 'pass', 'fail', 'reopen'] }).notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('defect_steps_defect_idx').on(t.defectId)],
);

/** 缺陷照片 (before and after rectification); the file is an attachment by hash. */
export const defectPhotos = sqliteTable(
  'defect_photos',
  {
    ...synced,
    defectId: text('defect_id').notNull(),
    stage: text('stage', { enum: ['before', 'after'] }).notNull().default('before'),
    hash: text('hash').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    takenAt: text('taken_at'),
  },
  (t) => [index('defect_photos_defect_idx').on(t.defectId)],
);

/** 三表读数, one per meter per inspection, with a photo of the meter. */
export const meterReadings = sqliteTable(
  'meter_readings',
  {
    ...synced,
    inspectionId: text('inspection_id').notNull(),
    meter: text('meter', { enum: ['water', 'electricity', 'gas'] }).notNull(),
    reading: real('reading').notNull(),
    photoHash: text('photo_hash'),
    readAt: text('read_at').notNull(),
  },
  (t) => [index('meter_readings_inspection_idx').on(t.inspectionId)],
);

/** 钥匙、门禁卡、资料 handed over at an inspection, with counts. */
export const handedItems = sqliteTable(
  'handed_items',
  {
    ...synced,
    inspectionId: text('inspection_id').notNull(),
    kind: text('kind', { enum: ['key', 'card', 'document', 'other'] }).notNull(),
    name: text('name').notNull(),
    count: integer('count').notNull().default(1),
    signed: integer('signed', { mode: 'boolean' }).notNull().default(false),
    remark: text('remark').notNull().default(''),
  },
  (t) => [index('handed_items_inspection_idx').on(t.inspectionId)],
);

/** 交付确认书/验房报告: each finalised version; never updated (ENTITY_SYNC immutable). */
export const handoverReports = sqliteTable(
  'handover_reports',
  {
    ...synced,
    inspectionId: text('inspection_id').notNull(),
    version: integer('version').notNull(),
    hash: text('hash').notNull(),
    size: integer('size').notNull(),
    contentHash: text('content_hash').notNull(),
    pages: integer('pages').notNull(),
    finalizedAt: text('finalized_at').notNull(),
  },
  (t) => [index('handover_reports_inspection_idx').on(t.inspectionId, t.version)],
);

/**
 * Attachments on this device (db/blobs.ts is their one writer): one row per content, by its
 * sha256. `present`: the file is in the attachments folder (a row with it false is a file a
 * record names that is still to download). `uploaded_at`: the group server has it whole (set
 * for downloaded ones too). Device-local: not an entity of the write path, never synced.
 */
export const localBlobs = sqliteTable(
  'local_blobs',
  {
    hash: text('hash').primaryKey(),
    /** Null while a wanted file is not here yet. */
    size: integer('size'),
    mime: text('mime'),
    createdAt: text('created_at').notNull(),
    uploadedAt: text('uploaded_at'),
    present: integer('present', { mode: 'boolean' }).notNull().default(true),
    /** Why the last transfer of it failed (Chinese), until one succeeds. */
    lastError: text('last_error'),
    lastAttemptAt: text('last_attempt_at'),
  },
  (t) => [
    index('local_blobs_upload_idx')
      .on(t.createdAt)
      .where(sql`${t.uploadedAt} IS NULL AND ${t.present} = 1`),
    index('local_blobs_missing_idx')
      .on(t.createdAt)
      .where(sql`${t.present} = 0`),
  ],
);
