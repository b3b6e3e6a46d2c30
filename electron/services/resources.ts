import {
  allRelationsOf,
  countChildren,
  currentRelationsOf,
  relationsFrom,
  getResource,
  getResources,
  lineageOf,
  listResources,
  liveCodes,
  maxSortOrder,
  resourceChildren,
  subtree,
  today,
  type RelationRow,
} from '../../db/queries/resources.js';
import type { TxWriter } from '../../db/write.js';
import type { CallArgs, Handlers } from '../../shared/api/contract.js';
import type { FloorGrid, GridRoom, LineageLink, ResourceRelation } from '../../shared/api/calls/resources.js';
import { planBuilding } from '../../shared/domain/building-plan.js';
import { isCurrentOn, OWNER_ROLES, relationRuleViolations } from '../../shared/domain/relations.js';
import { checkAreas, HOLDABLE_KINDS, SINCE_ALWAYS, type Resource } from '../../shared/domain/resources.js';
import { AppError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { ServiceContext } from './context.js';
import { assertProjectVisible } from './org.js';
import { checkedCustomValues } from './custom-values.js';

type ResourceHandlers = Pick<
  Handlers,
  | 'resource.children'
  | 'resource.list'
  | 'resource.card'
  | 'resource.create'
  | 'resource.update'
  | 'resource.bulkEdit'
  | 'resource.generateBuilding'
  | 'resource.floorGrid'
  | 'resource.split'
  | 'resource.merge'
>;

/** A live resource the operator may see. */
export function visibleResource(ctx: ServiceContext, id: string): Resource {
  const resource = getResource(ctx.db, id);
  if (!resource) throw new AppError('NOT_FOUND');
  assertProjectVisible(ctx, resource.projectId ?? '');
  return resource;
}

function currentResource(ctx: ServiceContext, id: string): Resource {
  const resource = visibleResource(ctx, id);
  if (resource.endedOn !== null)
    throw new AppError('RESOURCE_ENDED', `“${resource.name}”已于${resource.endedOn}拆分或合并，只能查看历史`);
  return resource;
}

function bySortOrderThenCode(a: Resource, b: Resource): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

function areaError(buildArea: number | null | undefined, innerArea: number | null | undefined): void {
  const problem = checkAreas(buildArea, innerArea);
  if (problem) throw new AppError('VALIDATION', problem, { innerArea: problem });
}

/** Codes are unique among a project's current resources; `freed` are codes that end in the same change. */
function assertCodesFree(
  ctx: ServiceContext,
  projectId: string,
  codes: readonly string[],
  freed: ReadonlySet<string> = new Set(),
): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) throw new AppError('DUPLICATE_CODE', `编码“${code}”重复`, { code: `编码“${code}”重复` });
    seen.add(code);
  }
  const taken = liveCodes(ctx.db, projectId, codes, today()).filter((r) => !freed.has(r.id));
  if (taken.length > 0) {
    const list = taken
      .slice(0, 5)
      .map((r) => r.code)
      .join('、');
    throw new AppError('DUPLICATE_CODE', `编码已被使用：${list}${taken.length > 5 ? ` 等${taken.length}个` : ''}`, {
      code: `编码“${taken[0]!.code}”已被使用`,
    });
  }
}

function toRelation(r: RelationRow): ResourceRelation {
  return {
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    role: r.role,
    share: r.share,
    startDate: r.startDate,
    endDate: r.endDate,
    remark: r.remark,
  };
}

/**
 * Ends a relation on `on` and starts the same one on another resource from that day. One
 * that has not begun by then moves whole: it never belonged to the ending resource.
 */
function moveRelation(tx: TxWriter, relation: RelationRow, toResource: Resource, on: string): void {
  if (relation.startDate > on) {
    tx.update('customerResource', relation.id, { resourceId: toResource.id });
    return;
  }
  tx.update('customerResource', relation.id, { endDate: on });
  tx.create('customerResource', {
    projectId: toResource.projectId,
    customerId: relation.customerId,
    resourceId: toResource.id,
    role: relation.role,
    share: relation.share,
    startDate: on,
    endDate: relation.endDate,
    remark: relation.remark,
  });
}

/** Ends a relation on `on`; one that has not begun by then is withdrawn instead. */
function endRelation(tx: TxWriter, relation: RelationRow, on: string): void {
  if (relation.startDate > on) tx.remove('customerResource', relation.id);
  else tx.update('customerResource', relation.id, { endDate: on });
}

function assertRelationRules(ctx: ServiceContext, resourceIds: readonly string[], on: string): void {
  const relations = currentRelationsOf(ctx.db, resourceIds, on);
  for (const id of resourceIds) {
    const problems = relationRuleViolations(relations.filter((r) => r.resourceId === id));
    if (problems.length > 0) throw new AppError('RELATION_RULE', problems.join('；'));
  }
}

/** Every current relation of the ended resources must have the user's decision. */
function decisionsFor<T extends { relationId: string }>(current: readonly RelationRow[], moves: readonly T[]): Map<string, T> {
  const byId = new Map(moves.map((m) => [m.relationId, m]));
  const undecided = current.filter((r) => !byId.has(r.id));
  if (undecided.length > 0) {
    throw new AppError('RELATION_RULE', `请为以下现有关系选择去向：${undecided.map((r) => r.customerName).join('、')}`);
  }
  return byId;
}

/** The fields `resource.create` takes, after its schema. */
export type ResourceCreateFields = CallArgs<'resource.create'>;

/** Creates one resource under an optional parent: the body of `resource.create`, also used by the Excel import. */
export function createResource(
  ctx: ServiceContext,
  tx: TxWriter,
  { projectId, parentId, kind, custom, ...fields }: ResourceCreateFields,
): Resource {
  assertProjectVisible(ctx, projectId);
  let path = '/';
  if (parentId) {
    const parent = currentResource(ctx, parentId);
    if (parent.projectId !== projectId) throw new AppError('NOT_FOUND', '上级资源不在该项目中');
    path = `${parent.path}${parent.id}/`;
  }
  areaError(fields.buildArea, fields.innerArea);
  assertCodesFree(ctx, projectId, [fields.code]);
  return tx.create('resource', {
    ...fields,
    projectId,
    parentId,
    path,
    kind,
    custom: JSON.stringify(checkedCustomValues(ctx, 'resource', custom)),
    sortOrder: maxSortOrder(ctx.db, projectId, parentId) + 1,
    validFrom: SINCE_ALWAYS,
    endedOn: null,
  });
}

/**
 * Sets some plain fields (areas, 户型, status…) of one current resource, keeping inner area
 * within build area: the body of `resource.bulkEdit` per resource, also used by the Excel
 * area import. True when a value changed.
 */
export function patchResource(ctx: ServiceContext, tx: TxWriter, id: string, defined: Record<string, unknown>): boolean {
  const resource = currentResource(ctx, id);
  areaError(
    defined.buildArea === undefined ? resource.buildArea : (defined.buildArea as number | null),
    defined.innerArea === undefined ? resource.innerArea : (defined.innerArea as number | null),
  );
  const fields = resource as unknown as Record<string, unknown>;
  const changed = Object.entries(defined).some(([key, value]) => fields[key] !== value);
  tx.update('resource', id, defined);
  return changed;
}

export function resourceHandlers(ctx: ServiceContext): ResourceHandlers {
  const lineageLinks = (links: ReturnType<typeof lineageOf>['from'], side: 'fromId' | 'toId'): LineageLink[] => {
    const resources = new Map(
      getResources(
        ctx.db,
        links.map((l) => l[side]),
      ).map((r) => [r.id, r]),
    );
    return links.flatMap((l) => {
      const r = resources.get(l[side]);
      return r
        ? [
            {
              operationId: l.operationId,
              op: l.op,
              effectiveOn: l.effectiveOn,
              resource: { id: r.id, code: r.code, name: r.name, validFrom: r.validFrom, endedOn: r.endedOn },
            },
          ]
        : [];
    });
  };

  return {
    'resource.children': ({ projectId, parentId, on }) => {
      assertProjectVisible(ctx, projectId);
      const date = on ?? today();
      const children = resourceChildren(ctx.db, projectId, parentId, date);
      const counts = countChildren(
        ctx.db,
        children.map((c) => c.id),
        date,
      );
      return children.map((c) => ({ ...c, childCount: counts.get(c.id) ?? 0 }));
    },

    'resource.list': ({ projectId, kind, status, underId, query, on, page, pageSize }) => {
      assertProjectVisible(ctx, projectId);
      const under = underId ? visibleResource(ctx, underId) : undefined;
      return listResources(ctx.db, {
        projectId,
        kind,
        status,
        under,
        query: query?.trim() || undefined,
        on: on ?? today(),
        page,
        pageSize,
      });
    },

    'resource.card': ({ id, on }) => {
      const resource = visibleResource(ctx, id);
      const date = on ?? today();
      const ancestorIds = resource.path.split('/').filter(Boolean);
      const ancestors = new Map(getResources(ctx.db, ancestorIds).map((r) => [r.id, r]));
      const relations = allRelationsOf(ctx.db, { resourceId: id });
      const lineage = lineageOf(ctx.db, id);
      return {
        resource,
        path: ancestorIds.flatMap((a) => {
          const r = ancestors.get(a);
          return r ? [{ id: r.id, kind: r.kind, code: r.code, name: r.name }] : [];
        }),
        current: relations.filter((r) => isCurrentOn(r, date)).map(toRelation),
        past: relations.filter((r) => r.endDate !== null && r.endDate <= date).map(toRelation),
        upcoming: relations.filter((r) => r.startDate > date).map(toRelation),
        cameFrom: lineageLinks(lineage.from, 'fromId'),
        wentTo: lineageLinks(lineage.to, 'toId'),
      };
    },

    'resource.create': (input) => ctx.writer.transaction((tx) => createResource(ctx, tx, input)),

    'resource.update': ({ id, custom, ...fields }) =>
      ctx.writer.transaction((tx) => {
        const resource = currentResource(ctx, id);
        areaError(fields.buildArea, fields.innerArea);
        if (fields.code !== resource.code) assertCodesFree(ctx, resource.projectId ?? '', [fields.code]);
        return tx.update('resource', id, {
          ...fields,
          custom: JSON.stringify(checkedCustomValues(ctx, 'resource', custom)),
        });
      }),

    'resource.bulkEdit': ({ ids, ...patch }) =>
      ctx.writer.transaction((tx) => {
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        let changed = 0;
        for (const id of ids) if (patchResource(ctx, tx, id, defined)) changed += 1;
        return { changed };
      }),

    'resource.generateBuilding': ({ projectId, plan: input }) =>
      ctx.writer.transaction((tx) => {
        assertProjectVisible(ctx, projectId);
        const planned = planBuilding(input);
        if (!planned.ok) throw new AppError('RESOURCE_PLAN_INVALID', planned.errors.join('；'));
        const { nodes } = planned.plan;
        assertCodesFree(
          ctx,
          projectId,
          nodes.map((n) => n.code),
        );
        const validFrom = SINCE_ALWAYS;
        const created = new Map<string, Resource>();
        for (const node of nodes) {
          const parent = node.parentKey ? created.get(node.parentKey) : undefined;
          if (node.parentKey && !parent) throw new Error(`plan node ${node.key} comes before its parent`);
          created.set(
            node.key,
            tx.create('resource', {
              projectId,
              parentId: parent?.id ?? null,
              path: parent ? `${parent.path}${parent.id}/` : '/',
              kind: node.kind,
              code: node.code,
              name: node.name,
              floorNo: node.floorNo,
              buildArea: node.buildArea ?? null,
              innerArea: node.innerArea ?? null,
              houseType: node.houseType ?? '',
              orientation: node.orientation ?? '',
              use: node.kind === 'room' ? (node.use ?? 'residential') : null,
              status: node.kind === 'room' ? 'unsold' : null,
              sortOrder: node.kind === 'building' ? maxSortOrder(ctx.db, projectId, null) + 1 : node.sortOrder,
              validFrom,
              endedOn: null,
              searchCode: node.searchCode,
              shortCode: node.shortCode,
            }),
          );
        }
        const building = [...created.values()].find((r) => r.kind === 'building');
        if (!building) throw new Error('plan without a building');
        return { buildingId: building.id, rooms: planned.plan.counts.rooms };
      }),

    'resource.floorGrid': ({ buildingId, on }) => {
      const building = visibleResource(ctx, buildingId);
      const date = on ?? today();
      const below = subtree(ctx.db, building, date);
      const rooms = below.filter((r) => HOLDABLE_KINDS.includes(r.kind));
      const owners = new Map<string, string[]>();
      for (const rel of currentRelationsOf(
        ctx.db,
        rooms.map((r) => r.id),
        date,
      )) {
        if (!OWNER_ROLES.includes(rel.role)) continue;
        owners.set(rel.resourceId, [...(owners.get(rel.resourceId) ?? []), rel.customerName]);
      }
      const units = below.filter((r) => r.kind === 'unit').sort(bySortOrderThenCode);
      // A building without units still draws: its floors form one column.
      const columns = units.length > 0 ? units : [building];
      const floors = below.filter((r) => r.kind === 'floor');
      const levels = [...new Set(floors.map((f) => f.floorNo ?? 0))].sort((a, b) => b - a);
      const statusCounts: FloorGrid['statusCounts'] = {};
      for (const room of rooms) if (room.status) statusCounts[room.status] = (statusCounts[room.status] ?? 0) + 1;
      const cell = (room: Resource): GridRoom => ({
        id: room.id,
        code: room.code,
        name: room.name,
        status: room.status,
        houseType: room.houseType,
        buildArea: room.buildArea,
        owners: owners.get(room.id) ?? [],
      });
      const grid = levels.map((level) => {
        const levelFloors = floors.filter((f) => (f.floorNo ?? 0) === level);
        return {
          floorNo: level,
          label: levelFloors[0]?.name ?? String(level),
          cells: columns.map((column) => {
            const floor = levelFloors.find((f) => f.parentId === column.id);
            const floorRooms = floor ? rooms.filter((r) => r.parentId === floor.id).sort(bySortOrderThenCode) : [];
            return { unitId: column.id, rooms: floorRooms.map(cell) };
          }),
        };
      });
      return {
        building,
        units: columns.map((u, i) => ({
          id: u.id,
          name: u.kind === 'building' ? '' : u.name,
          maxRooms: Math.max(0, ...grid.map((f) => f.cells[i]?.rooms.length ?? 0)),
        })),
        floors: grid,
        statusCounts,
      };
    },

    'resource.split': ({ id, effectiveOn, parts, relationMoves }) =>
      ctx.writer.transaction((tx) => {
        const room = currentResource(ctx, id);
        if (!HOLDABLE_KINDS.includes(room.kind)) throw new AppError('VALIDATION', '只能拆分房间、车位、商铺等可登记客户的资源');
        if (effectiveOn < room.validFrom)
          throw new AppError('VALIDATION', `生效日期不能早于该房产的启用日期${room.validFrom}`, { effectiveOn: '生效日期过早' });
        for (const part of parts) areaError(part.buildArea, part.innerArea);
        assertCodesFree(
          ctx,
          room.projectId ?? '',
          parts.map((p) => p.code),
          new Set([room.id]),
        );
        const current = relationsFrom(ctx.db, [room.id], effectiveOn);
        const decisions = decisionsFor(current, relationMoves);
        for (const move of relationMoves) {
          if (move.toPart !== null && move.toPart >= parts.length) throw new AppError('VALIDATION', '关系去向的房间不存在');
        }

        const operationId = uuidv7();
        tx.update('resource', room.id, { endedOn: effectiveOn });
        const created = parts.map((part) =>
          tx.create('resource', {
            projectId: room.projectId,
            parentId: room.parentId,
            path: room.path,
            kind: room.kind,
            code: part.code,
            name: part.name,
            floorNo: room.floorNo,
            buildArea: part.buildArea ?? null,
            innerArea: part.innerArea ?? null,
            houseType: part.houseType || room.houseType,
            orientation: room.orientation,
            use: room.use,
            status: room.status,
            zone: room.zone,
            // The parts take the old room's place; their codes order them among themselves.
            sortOrder: room.sortOrder,
            custom: room.custom,
            validFrom: effectiveOn,
            endedOn: null,
          }),
        );
        for (const target of created) {
          tx.create('resourceLineage', {
            projectId: room.projectId,
            operationId,
            op: 'split',
            fromId: room.id,
            toId: target.id,
            effectiveOn,
          });
        }
        for (const relation of current) {
          const toPart = decisions.get(relation.id)!.toPart;
          if (toPart === null) endRelation(tx, relation, effectiveOn);
          else moveRelation(tx, relation, created[toPart]!, effectiveOn);
        }
        assertRelationRules(
          ctx,
          created.map((c) => c.id),
          effectiveOn,
        );
        return { created };
      }),

    'resource.merge': ({ ids, effectiveOn, target, relationMoves }) =>
      ctx.writer.transaction((tx) => {
        const rooms = [...new Set(ids)].map((id) => currentResource(ctx, id));
        if (rooms.length < 2) throw new AppError('VALIDATION', '合并至少需要两个不同的房间');
        const [first] = rooms as [Resource, ...Resource[]];
        if (rooms.some((r) => r.projectId !== first.projectId || r.kind !== first.kind || !HOLDABLE_KINDS.includes(r.kind))) {
          throw new AppError('VALIDATION', '只能合并同一项目中同一类型的房间');
        }
        const latestStart = rooms.reduce((max, r) => (r.validFrom > max ? r.validFrom : max), first.validFrom);
        if (effectiveOn < latestStart)
          throw new AppError('VALIDATION', `生效日期不能早于${latestStart}`, { effectiveOn: '生效日期过早' });
        areaError(target.buildArea, target.innerArea);
        assertCodesFree(ctx, first.projectId ?? '', [target.code], new Set(rooms.map((r) => r.id)));
        const current = relationsFrom(
          ctx.db,
          rooms.map((r) => r.id),
          effectiveOn,
        );
        const decisions = decisionsFor(current, relationMoves);

        const operationId = uuidv7();
        for (const room of rooms) tx.update('resource', room.id, { endedOn: effectiveOn });
        const sum = (pick: (r: Resource) => number | null) => {
          const values = rooms.map(pick);
          return values.every((v) => v !== null)
            ? Math.round(values.reduce<number>((a, v) => a + (v ?? 0), 0) * 100) / 100
            : null;
        };
        const created = tx.create('resource', {
          projectId: first.projectId,
          parentId: first.parentId,
          path: first.path,
          kind: first.kind,
          code: target.code,
          name: target.name,
          floorNo: first.floorNo,
          buildArea: target.buildArea ?? sum((r) => r.buildArea),
          innerArea: target.innerArea ?? sum((r) => r.innerArea),
          houseType: target.houseType || first.houseType,
          orientation: first.orientation,
          use: first.use,
          status: first.status,
          zone: first.zone,
          sortOrder: first.sortOrder,
          custom: first.custom,
          validFrom: effectiveOn,
          endedOn: null,
        });
        for (const room of rooms) {
          tx.create('resourceLineage', {
            projectId: first.projectId,
            operationId,
            op: 'merge',
            fromId: room.id,
            toId: created.id,
            effectiveOn,
          });
        }
        const kept = current.filter((r) => decisions.get(r.id)!.keep);
        if (kept.filter((r) => r.role === 'owner').length > 1) {
          throw new AppError('OWNER_EXISTS', '合并后的房间只能有一位业主：请只保留一个房间的业主，其余结束或改为共有人后再合并');
        }
        for (const relation of current) {
          if (decisions.get(relation.id)!.keep) moveRelation(tx, relation, created, effectiveOn);
          else endRelation(tx, relation, effectiveOn);
        }
        assertRelationRules(ctx, [created.id], effectiveOn);
        return { created };
      }),
  };
}
