import {
  attachmentRefs,
  familyVersions,
  getTemplate,
  publishedTemplates,
  templateNamed,
  templateSummaries,
  toTemplate,
  type TemplateRow,
} from '../../../db/queries/handover.js';
import type { TxWriter } from '../../../db/write.js';
import type { Handlers } from '../../../shared/api/contract.js';
import type { AttachmentRef, InspectionTemplate, TemplateArea } from '../../../shared/domain/handover.js';
import { AppError } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { ServiceContext } from '../context.js';
import { assertVisible, currentProjectId, keepImage, noteKept } from './common.js';

type TemplateHandlers = Pick<
  Handlers,
  'template.list' | 'template.get' | 'template.create' | 'template.save' | 'template.publish' | 'template.setFloorPlan'
>;

/**
 * 验房模板, versioned: every version is a row of its own and the versions of one template share
 * its first version's id (familyId). A draft is edited in place; a published or retired version
 * is never changed again — an inspection copies its items and keeps its version, so what a
 * signed report says it checked stays what the template said then. Saving a published version
 * makes (or updates) the family's draft of the next version; publishing that draft retires the
 * family's previous published version.
 */

const duplicateName = (name: string) =>
  new AppError('DUPLICATE_NAME', `验房模板“${name}”已存在，请换一个名称`, { name: `验房模板“${name}”已存在` });

const houseTypeLabel = (houseType: string) => (houseType === '' ? '通用（未指定户型）' : `户型“${houseType}”`);

type Content = { name: string; houseType: string; areas: TemplateArea[]; remark: string };

function liveTemplate(ctx: ServiceContext, tx: TxWriter, id: string): TemplateRow {
  const row = tx.get('inspectionTemplate', id);
  assertVisible(ctx, row.projectId);
  return row;
}

/** The draft of a family that saving or a new floor plan edits: the one there is, or the next version. */
function familyDraft(tx: TxWriter, ctx: ServiceContext, of: TemplateRow): TemplateRow {
  if (of.status === 'draft') return of;
  const versions = familyVersions(ctx.db, of.familyId);
  const draft = versions.find((v) => v.status === 'draft');
  if (draft) return draft;
  const last = versions.reduce((max, v) => (v.version > max.version ? v : max), of);
  return tx.create('inspectionTemplate', {
    projectId: of.projectId,
    familyId: of.familyId,
    name: last.name,
    houseType: last.houseType,
    version: last.version + 1,
    status: 'draft',
    areas: last.areas,
    floorPlanHash: last.floorPlanHash,
    remark: last.remark,
  });
}

function withFloorPlan(ctx: ServiceContext, row: TemplateRow): InspectionTemplate & { floorPlan: AttachmentRef | null } {
  const floorPlan = row.floorPlanHash
    ? (attachmentRefs(ctx.db, [{ hash: row.floorPlanHash }]).get(row.floorPlanHash) ?? null)
    : null;
  return { ...toTemplate(row), floorPlan };
}

function save(ctx: ServiceContext, tx: TxWriter, of: TemplateRow, content: Content): InspectionTemplate {
  if (templateNamed(ctx.db, of.projectId ?? '', content.name, of.familyId)) throw duplicateName(content.name);
  const unchanged =
    of.name === content.name &&
    of.houseType === content.houseType &&
    of.remark === content.remark &&
    of.areas === JSON.stringify(content.areas);
  // Saving a published version as it stands makes no new version.
  if (of.status !== 'draft' && unchanged && !familyVersions(ctx.db, of.familyId).some((v) => v.status === 'draft')) {
    return toTemplate(of);
  }
  const draft = familyDraft(tx, ctx, of);
  return toTemplate(
    tx.update('inspectionTemplate', draft.id, {
      name: content.name,
      houseType: content.houseType,
      areas: JSON.stringify(content.areas),
      remark: content.remark,
    }),
  );
}

export function templateHandlers(ctx: ServiceContext): TemplateHandlers {
  return {
    'template.list': ({ includeRetired }) => templateSummaries(ctx.db, currentProjectId(ctx), includeRetired),

    'template.get': ({ id }) => {
      const row = getTemplate(ctx.db, id);
      if (!row) throw new AppError('NOT_FOUND', '验房模板不存在或已被删除');
      assertVisible(ctx, row.projectId);
      return withFloorPlan(ctx, row);
    },

    'template.create': ({ name, houseType, areas, remark }) =>
      ctx.writer.transaction((tx) => {
        const projectId = currentProjectId(ctx);
        if (templateNamed(ctx.db, projectId, name)) throw duplicateName(name);
        const id = uuidv7();
        return toTemplate(
          tx.create('inspectionTemplate', {
            id,
            projectId,
            familyId: id,
            name,
            houseType,
            version: 1,
            status: 'draft',
            areas: JSON.stringify(areas),
            floorPlanHash: null,
            remark,
          }),
        );
      }),

    'template.save': ({ id, ...content }) => ctx.writer.transaction((tx) => save(ctx, tx, liveTemplate(ctx, tx, id), content)),

    'template.publish': ({ id }) =>
      ctx.writer.transaction((tx) => {
        const row = liveTemplate(ctx, tx, id);
        if (row.status === 'published') return toTemplate(row);
        if (row.status === 'retired') {
          throw new AppError('TEMPLATE_RULE', `第${row.version}版已停用，不能重新发布；请编辑后发布新版本`);
        }
        // One published template per 户型: an inspection must know which one it walks.
        const rival = publishedTemplates(ctx.db, row.projectId ?? '').find(
          (t) => t.familyId !== row.familyId && t.houseType === row.houseType,
        );
        if (rival) {
          throw new AppError(
            'TEMPLATE_RULE',
            `${houseTypeLabel(row.houseType)}已有已发布的模板“${rival.name}”；请修改本模板的户型，或在该模板上编辑发布新版本`,
          );
        }
        for (const v of familyVersions(ctx.db, row.familyId)) {
          if (v.status === 'published') tx.update('inspectionTemplate', v.id, { status: 'retired' });
        }
        return toTemplate(tx.update('inspectionTemplate', id, { status: 'published' }));
      }),

    'template.setFloorPlan': async ({ id, mime, dataBase64 }) => {
      const existing = getTemplate(ctx.db, id);
      if (!existing) throw new AppError('NOT_FOUND', '验房模板不存在或已被删除');
      assertVisible(ctx, existing.projectId);
      const file = await keepImage(ctx, dataBase64, mime, { onlyMessage: '户型图只能是 JPEG、PNG 或 WebP 图片' });
      return ctx.writer.transaction((tx) => {
        const draft = familyDraft(tx, ctx, liveTemplate(ctx, tx, id));
        noteKept(ctx, file);
        return toTemplate(tx.update('inspectionTemplate', draft.id, { floorPlanHash: file.hash }));
      });
    },
  };
}
