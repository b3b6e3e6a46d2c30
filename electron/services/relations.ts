import { currentRelationsOf, allRelationsOf, type RelationRow } from '../../db/queries/resources.js';
import type { TxWriter } from '../../db/write.js';
import type { CallArgs, Handlers } from '../../shared/api/contract.js';
import {
  isCurrentOn,
  OWNER_ROLES,
  overlaps,
  relationRuleProblems,
  relationRuleViolations,
  type RelationLike,
} from '../../shared/domain/relations.js';
import { HOLDABLE_KINDS, type Resource } from '../../shared/domain/resources.js';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { visibleResource } from './resources.js';

type RelationHandlers = Pick<Handlers, 'relation.create' | 'relation.end' | 'relation.transferOwnership'>;

function holdable(ctx: ServiceContext, resourceId: string): Resource {
  const resource = visibleResource(ctx, resourceId);
  if (!HOLDABLE_KINDS.includes(resource.kind)) throw new AppError('RELATION_RULE', '只能为房间、车位、商铺等登记客户关系');
  if (resource.endedOn !== null)
    throw new AppError('RESOURCE_ENDED', `“${resource.name}”已于${resource.endedOn}拆分或合并，请在新的房间上登记`);
  return resource;
}

function liveCustomerOf(tx: TxWriter, customerId: string) {
  const customer = tx.get('customer', customerId);
  if (customer.mergedInto)
    throw new AppError('CUSTOMER_MERGED', '该客户已合并到其他客户', undefined, { survivorId: customer.mergedInto });
  return customer;
}

function assertRules(all: readonly RelationLike[], changed: RelationLike): void {
  const problems = relationRuleProblems(all, [changed]);
  if (problems.length > 0) throw new AppError('RELATION_RULE', problems.join('；'));
}

/** A new 业主 while another owner's period overlaps: refused, the way is 过户. */
export function ownerConflict(
  existing: readonly (RelationLike & { customerName: string })[],
  input: RelationLike,
): AppError | undefined {
  if (input.role !== 'owner') return undefined;
  const owner = existing.find((r) => r.role === 'owner' && overlaps(r, input));
  if (!owner) return undefined;
  return new AppError(
    'OWNER_EXISTS',
    `该房产已有业主“${owner.customerName}”（${owner.startDate}起），请先办理过户或结束现有业主关系`,
    undefined,
    { ownerId: owner.customerId },
  );
}

export type RelationCreateFields = CallArgs<'relation.create'>;

/**
 * Registers one relation: the body of `relation.create`, also used by the Excel import. With
 * `checkRules: false` the owner-group rules are left to the caller, which checks a whole
 * group of new relations at once (co-owners' shares only add up once all are in).
 */
export function createRelation(
  ctx: ServiceContext,
  tx: TxWriter,
  input: RelationCreateFields,
  options: { checkRules?: boolean } = {},
): { id: string } {
  const resource = holdable(ctx, input.resourceId);
  liveCustomerOf(tx, input.customerId);
  const existing: RelationRow[] = allRelationsOf(ctx.db, { resourceId: resource.id });
  const conflict = ownerConflict(existing, input);
  if (conflict) throw conflict;
  if (options.checkRules !== false) assertRules([...existing, input], input);
  const created = tx.create('customerResource', { ...input, projectId: resource.projectId });
  return { id: created.id };
}

export type OwnershipTransfer = CallArgs<'relation.transferOwnership'>;

/**
 * 过户: the room's owner group (业主 and 共有人) current on `effectiveOn` ends that day and
 * `owners` become it from then, as one whole group. The body of `relation.transferOwnership`,
 * also run inside the transaction of a handover's acceptance (收楼), which makes the buyers
 * the owners from the date they received the room.
 */
export function transferOwnership(
  ctx: ServiceContext,
  tx: TxWriter,
  { resourceId, effectiveOn, owners }: OwnershipTransfer,
): void {
  const resource = holdable(ctx, resourceId);
  for (const o of owners) liveCustomerOf(tx, o.customerId);
  const newGroup: RelationLike[] = owners.map((o) => ({
    customerId: o.customerId,
    role: o.role,
    share: o.share,
    startDate: effectiveOn,
    endDate: null,
  }));
  const problems = relationRuleViolations(newGroup, { completeGroup: true });
  if (problems.length > 0) throw new AppError('RELATION_RULE', problems.join('；'));
  const all = allRelationsOf(ctx.db, { resourceId });
  const later = all.filter((r) => OWNER_ROLES.includes(r.role) && r.startDate > effectiveOn);
  if (later.length > 0) throw new AppError('RELATION_RULE', `${later[0]!.startDate}已有新的业主登记，过户日期不能早于它`);
  for (const r of all) {
    if (OWNER_ROLES.includes(r.role) && isCurrentOn(r, effectiveOn))
      tx.update('customerResource', r.id, { endDate: effectiveOn });
  }
  for (const o of owners) {
    tx.create('customerResource', {
      projectId: resource.projectId,
      customerId: o.customerId,
      resourceId,
      role: o.role,
      share: o.share,
      startDate: effectiveOn,
      endDate: null,
      remark: '',
    });
  }
}

export function relationHandlers(ctx: ServiceContext): RelationHandlers {
  return {
    'relation.create': (input) => ctx.writer.transaction((tx) => createRelation(ctx, tx, input)),

    'relation.end': ({ id, endDate }) =>
      ctx.writer.transaction((tx) => {
        const relation = tx.get('customerResource', id);
        visibleResource(ctx, relation.resourceId);
        if (endDate < relation.startDate)
          throw new AppError('VALIDATION', '结束日期不能早于开始日期', { endDate: '结束日期不能早于开始日期' });
        if (relation.role === 'owner') {
          const coOwners = currentRelationsOf(ctx.db, [relation.resourceId], endDate).filter((r) => r.role === 'coOwner');
          if (coOwners.length > 0)
            throw new AppError(
              'RELATION_RULE',
              `还有共有人（${coOwners.map((c) => c.customerName).join('、')}），请办理过户或先结束共有人关系`,
            );
        }
        tx.update('customerResource', id, { endDate });
        return { ok: true as const };
      }),

    'relation.transferOwnership': (input) =>
      ctx.writer.transaction((tx) => {
        transferOwnership(ctx, tx, input);
        return { ok: true as const };
      }),
  };
}
