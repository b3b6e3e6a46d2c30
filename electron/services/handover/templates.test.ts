import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_TEMPLATE, templateItemCount } from '../../../shared/domain/handover-template.js';
import { templateAreasSchema, type TemplateArea } from '../../../shared/domain/handover.js';
import { tempHost, type TempHost } from '../../testing/temp-host.js';
import { b64, handoverSite, images, roomId, sha256, SMALL_AREAS, type Site } from './testing/site.js';

/** 验房模板 versions: a published version never changes; inspections keep the version they walked. */
let h: TempHost;
let site: Site;
beforeEach(async () => {
  h = tempHost();
  site = await handoverSite(h, { template: false });
});
afterEach(() => h.dispose());

const withKitchen: TemplateArea[] = [...SMALL_AREAS, { name: '厨房', items: [{ name: '燃气' }, { name: '橱柜台面' }] }];

describe('template versions', () => {
  it('edits a draft in place; publishing, then saving a published version makes the next draft; inspections keep their version', async () => {
    const v1 = await h.call('template.create', { name: '高层三房', houseType: '', areas: SMALL_AREAS, remark: '' });
    expect(v1).toMatchObject({ version: 1, status: 'draft', familyId: v1.id, floorPlanHash: null });
    const edited = await h.call('template.save', {
      id: v1.id,
      name: '高层三房',
      houseType: '',
      areas: SMALL_AREAS,
      remark: '初稿',
    });
    expect(edited).toMatchObject({ id: v1.id, version: 1, status: 'draft', remark: '初稿' });

    // A draft walks nothing.
    const none = await h.failure('inspection.start', { resourceId: roomId(site, '9-1-0101'), kind: 'pre' });
    expect(none).toMatchObject({ code: 'TEMPLATE_RULE', message: '请先发布验房模板' });

    const published = await h.call('template.publish', { id: v1.id });
    expect(published).toMatchObject({ id: v1.id, status: 'published', version: 1 });
    const first = await h.call('inspection.start', { resourceId: roomId(site, '9-1-0101'), kind: 'pre' });
    expect(first.inspection).toMatchObject({ templateId: v1.id, templateVersion: 1 });
    expect(first.items).toHaveLength(7);

    // Saving the published version leaves it as it was and makes version 2, a draft.
    const v2 = await h.call('template.save', {
      id: v1.id,
      name: '高层三房',
      houseType: '',
      areas: withKitchen,
      remark: '加厨房',
    });
    expect(v2).toMatchObject({ familyId: v1.id, version: 2, status: 'draft', remark: '加厨房' });
    expect(v2.id).not.toBe(v1.id);
    const stillV1 = await h.call('template.get', { id: v1.id });
    expect(stillV1).toMatchObject({ status: 'published', version: 1, areas: SMALL_AREAS, remark: '初稿' });
    // Saving it again edits that same draft, never a third version.
    const v2again = await h.call('template.save', {
      id: v1.id,
      name: '高层三房',
      houseType: '',
      areas: withKitchen,
      remark: '加厨房燃气',
    });
    expect(v2again).toMatchObject({ id: v2.id, version: 2, remark: '加厨房燃气' });
    // Saving an unchanged published version makes nothing new.
    expect(
      (await h.call('template.save', { id: v2.id, name: '高层三房', houseType: '', areas: withKitchen, remark: '加厨房燃气' }))
        .id,
    ).toBe(v2.id);

    // The list shows each template's latest version; with retired ones, every version.
    expect((await h.call('template.list', {})).map((t) => [t.version, t.status, t.items])).toEqual([[2, 'draft', 9]]);

    const p2 = await h.call('template.publish', { id: v2.id });
    expect(p2.status).toBe('published');
    expect((await h.call('template.get', { id: v1.id })).status).toBe('retired');
    const all = await h.call('template.list', { includeRetired: true });
    expect(all.map((t) => [t.version, t.status, t.used])).toEqual([
      [2, 'published', 0],
      [1, 'retired', 1],
    ]);

    // The inspection started on version 1 keeps version 1's items and number.
    const kept = await h.call('inspection.view', { id: first.inspection.id });
    expect(kept.inspection.templateVersion).toBe(1);
    expect(kept.template).toMatchObject({ id: v1.id, version: 1 });
    expect(kept.items.map((i) => i.area)).not.toContain('厨房');
    expect(kept.items).toHaveLength(7);
    // A new walk takes version 2.
    const second = await h.call('inspection.start', { resourceId: roomId(site, '9-1-0102'), kind: 'pre' });
    expect(second.inspection).toMatchObject({ templateId: v2.id, templateVersion: 2 });
    expect(second.items.map((i) => `${i.area}/${i.name}`).slice(-2)).toEqual(['厨房/燃气', '厨房/橱柜台面']);

    // A retired version is not published again, and not chosen by hand.
    expect((await h.failure('template.publish', { id: v1.id })).code).toBe('TEMPLATE_RULE');
    const byHand = await h.failure('inspection.start', { resourceId: roomId(site, '9-1-0201'), kind: 'pre', templateId: v1.id });
    expect(byHand.code).toBe('TEMPLATE_RULE');
    // Editing the retired version goes to the family's next draft (version 3).
    const v3 = await h.call('template.save', { id: v1.id, name: '高层三房', houseType: '', areas: SMALL_AREAS, remark: '回退' });
    expect(v3).toMatchObject({ version: 3, status: 'draft' });
  });

  it('keeps the floor plan as an attachment; a published version gets it through its next draft', async () => {
    const t = await h.call('template.create', { name: '洋房', houseType: '', areas: SMALL_AREAS, remark: '' });
    const png = images.png();
    const withPlan = await h.call('template.setFloorPlan', { id: t.id, mime: 'image/png', dataBase64: b64(png) });
    expect(withPlan).toMatchObject({ id: t.id, floorPlanHash: sha256(png) });
    const got = await h.call('template.get', { id: t.id });
    expect(got.floorPlan).toMatchObject({ hash: sha256(png), mime: 'image/png', size: png.length, pending: 'upload' });
    const content = await h.call('handover.attachment', { hash: sha256(png) });
    expect(Buffer.from(content.dataBase64, 'base64').equals(png)).toBe(true);

    await h.call('template.publish', { id: t.id });
    const jpeg = images.jpeg();
    const next = await h.call('template.setFloorPlan', { id: t.id, mime: 'image/jpeg', dataBase64: b64(jpeg) });
    expect(next).toMatchObject({ version: 2, status: 'draft', floorPlanHash: sha256(jpeg) });
    expect((await h.call('template.get', { id: t.id })).floorPlanHash).toBe(sha256(png));

    const view = await h.call('inspection.start', { resourceId: roomId(site, '9-1-0101'), kind: 'pre' });
    expect(view.template.floorPlan).toMatchObject({ hash: sha256(png), mime: 'image/png' });

    const wrong = await h.failure('template.setFloorPlan', { id: t.id, mime: 'image/png', dataBase64: b64(jpeg) });
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.message).toContain('文件内容与其类型不符');
  });

  it("picks the room type's template, else the general one; one published template per 户型", async () => {
    const general = await h.call('template.create', { name: '通用', houseType: '', areas: SMALL_AREAS, remark: '' });
    const special = await h.call('template.create', { name: '三房两厅', houseType: '三房两厅', areas: withKitchen, remark: '' });
    await h.call('template.publish', { id: general.id });
    await h.call('template.publish', { id: special.id });
    const resourceId = roomId(site, '9-2-0301');
    await h.call('resource.bulkEdit', { ids: [resourceId], houseType: '三房两厅' });
    expect((await h.call('inspection.start', { resourceId, kind: 'pre' })).inspection.templateId).toBe(special.id);
    expect((await h.call('inspection.start', { resourceId: roomId(site, '9-2-0302'), kind: 'pre' })).inspection.templateId).toBe(
      general.id,
    );

    const rival = await h.call('template.create', { name: '另一个三房', houseType: '三房两厅', areas: SMALL_AREAS, remark: '' });
    const refused = await h.failure('template.publish', { id: rival.id });
    expect(refused.code).toBe('TEMPLATE_RULE');
    expect(refused.message).toContain('户型“三房两厅”已有已发布的模板“三房两厅”');

    const dup = await h.failure('template.create', { name: '通用', houseType: '', areas: SMALL_AREAS, remark: '' });
    expect(dup.code).toBe('DUPLICATE_NAME');
    // A family's own name is no duplicate of itself.
    expect(
      (await h.call('template.save', { id: general.id, name: '通用', houseType: '', areas: withKitchen, remark: '' })).version,
    ).toBe(2);
  });

  it('offers a standard residential template of about 60 items that passes its own rules', async () => {
    expect(templateAreasSchema.safeParse(STANDARD_TEMPLATE.areas).success).toBe(true);
    expect(STANDARD_TEMPLATE.areas.map((a) => a.name)).toEqual([
      '入户门',
      '客厅',
      '餐厅',
      '主卧',
      '次卧',
      '厨房',
      '卫生间',
      '阳台',
      '设备',
    ]);
    expect(templateItemCount(STANDARD_TEMPLATE.areas)).toBeGreaterThanOrEqual(55);
    expect(templateItemCount(STANDARD_TEMPLATE.areas)).toBeLessThanOrEqual(70);
    const t = await h.call('template.create', { ...STANDARD_TEMPLATE, areas: [...STANDARD_TEMPLATE.areas] });
    await h.call('template.publish', { id: t.id });
    const view = await h.call('inspection.start', { resourceId: roomId(site, '9-1-0101'), kind: 'pre' });
    expect(view.items).toHaveLength(templateItemCount(STANDARD_TEMPLATE.areas));
  });
});
