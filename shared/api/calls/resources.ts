import { z } from '../../validation.js';
import { call } from '../define.js';
import { pagingInput, type Page } from '../../domain/paging.js';
import { idListSchema, idSchema } from '../../domain/dictionaries.js';
import { buildingPlanInput } from '../../domain/building-plan.js';
import {
  dateSchema,
  resourceCreateInput,
  resourceFields,
  RESOURCE_KIND_CODES,
  RESOURCE_STATUS_CODES,
  RESOURCE_USE_CODES,
  type Resource,
} from '../../domain/resources.js';
import type { RelationRole } from '../../domain/relations.js';

export interface ResourceNode extends Resource {
  childCount: number;
}

/** A room as the 房态图 cell and the room card show it. */
export interface GridRoom {
  id: string;
  code: string;
  name: string;
  status: Resource['status'];
  houseType: string;
  buildArea: number | null;
  owners: string[];
}

export interface FloorGrid {
  building: Resource;
  units: { id: string; name: string; maxRooms: number }[];
  /** Top floor first, as a building is drawn. */
  floors: { floorNo: number; label: string; cells: { unitId: string; rooms: GridRoom[] }[] }[];
  statusCounts: Partial<Record<NonNullable<Resource['status']>, number>>;
}

export interface ResourceRelation {
  id: string;
  customerId: string;
  customerName: string;
  role: RelationRole;
  share: number | null;
  startDate: string;
  endDate: string | null;
  remark: string;
}

export interface LineageLink {
  operationId: string;
  op: 'split' | 'merge';
  effectiveOn: string;
  resource: Pick<Resource, 'id' | 'code' | 'name' | 'validFrom' | 'endedOn'>;
}

export interface ResourceCard {
  resource: Resource;
  /** Ancestors from the building down, for the breadcrumb. */
  path: Pick<Resource, 'id' | 'kind' | 'code' | 'name'>[];
  current: ResourceRelation[];
  past: ResourceRelation[];
  /** Registered to begin after the date shown (a transfer dated next month). */
  upcoming: ResourceRelation[];
  cameFrom: LineageLink[];
  wentTo: LineageLink[];
}

const onDate = dateSchema.optional();

const partSchema = resourceFields.pick({ code: true, name: true, buildArea: true, innerArea: true, houseType: true });

export const resourceCalls = {
  'resource.children': call<ResourceNode[]>()({
    input: z.object({ projectId: idSchema, parentId: idSchema.nullable().default(null), on: onDate }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  'resource.list': call<Page<Resource>>()({
    input: z.object({
      projectId: idSchema,
      kind: z.enum(RESOURCE_KIND_CODES).optional(),
      status: z.enum(RESOURCE_STATUS_CODES).optional(),
      underId: idSchema.optional(),
      query: z.string().max(50).optional(),
      on: onDate,
      ...pagingInput,
    }),
    errors: ['PROJECT_NOT_VISIBLE'],
  }),
  'resource.card': call<ResourceCard>()({
    input: z.object({ id: idSchema, on: onDate }),
    errors: ['NOT_FOUND', 'PROJECT_NOT_VISIBLE'],
  }),
  'resource.create': call<Resource>()({
    input: resourceCreateInput,
    errors: ['DUPLICATE_CODE', 'NOT_FOUND', 'PROJECT_NOT_VISIBLE', 'RELATION_RULE'],
  }),
  'resource.update': call<Resource>()({
    input: resourceFields.extend({ id: idSchema }),
    errors: ['DUPLICATE_CODE', 'NOT_FOUND', 'RESOURCE_ENDED', 'PROJECT_NOT_VISIBLE'],
  }),
  'resource.bulkEdit': call<{ changed: number }>()({
    input: z.object({
      ids: idListSchema,
      buildArea: resourceFields.shape.buildArea,
      innerArea: resourceFields.shape.innerArea,
      houseType: z.string().max(30).optional(),
      orientation: z.string().max(10).optional(),
      use: z.enum(RESOURCE_USE_CODES).optional(),
      status: z.enum(RESOURCE_STATUS_CODES).optional(),
    }),
    errors: ['NOT_FOUND', 'RESOURCE_ENDED', 'PROJECT_NOT_VISIBLE'],
  }),
  /** 楼盘表: the plan is made again on the host from the same input the preview used. */
  'resource.generateBuilding': call<{ buildingId: string; rooms: number }>()({
    input: z.object({ projectId: idSchema, plan: buildingPlanInput }),
    errors: ['RESOURCE_PLAN_INVALID', 'DUPLICATE_CODE', 'PROJECT_NOT_VISIBLE'],
  }),
  'resource.floorGrid': call<FloorGrid>()({
    input: z.object({ buildingId: idSchema, on: onDate }),
    errors: ['NOT_FOUND', 'PROJECT_NOT_VISIBLE'],
  }),
  'resource.split': call<{ created: Resource[] }>()({
    input: z.object({
      id: idSchema,
      effectiveOn: dateSchema,
      parts: z.array(partSchema).min(2, '拆分至少要有两个新房间').max(20, '一次最多拆分为20个房间'),
      /** For every current relation of the room: the index of the part it moves to, or null to end it. */
      relationMoves: z.array(z.object({ relationId: idSchema, toPart: z.number().int().min(0).nullable() })).default([]),
    }),
    errors: ['NOT_FOUND', 'RESOURCE_ENDED', 'DUPLICATE_CODE', 'RELATION_RULE', 'PROJECT_NOT_VISIBLE'],
  }),
  'resource.merge': call<{ created: Resource }>()({
    input: z.object({
      ids: z.array(idSchema).min(2, '合并至少需要两个房间').max(20, '一次最多合并20个房间'),
      effectiveOn: dateSchema,
      target: partSchema,
      /** For every current relation of the merged rooms: keep it on the new room, or end it. */
      relationMoves: z.array(z.object({ relationId: idSchema, keep: z.boolean() })).default([]),
    }),
    errors: ['NOT_FOUND', 'RESOURCE_ENDED', 'DUPLICATE_CODE', 'RELATION_RULE', 'OWNER_EXISTS', 'PROJECT_NOT_VISIBLE'],
  }),
} as const;
