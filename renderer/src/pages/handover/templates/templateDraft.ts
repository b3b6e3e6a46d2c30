import type { InspectionTemplate, TemplateArea } from '../../../../../shared/domain/handover.js';
import { templateAreasSchema } from '../../../../../shared/domain/handover.js';

export interface DraftEntry {
  key: string;
  name: string;
}
export interface DraftArea extends DraftEntry {
  items: DraftEntry[];
}
export interface TemplateDraft {
  name: string;
  houseType: string;
  remark: string;
  areas: DraftArea[];
}

let counter = 0;
/** React keys for rows that have no id of their own (areas and items are stored by name and order). */
export function newKey(): string {
  counter += 1;
  return `e${counter}`;
}

export function draftFromAreas(areas: readonly TemplateArea[]): DraftArea[] {
  return areas.map((a) => ({ key: newKey(), name: a.name, items: a.items.map((i) => ({ key: newKey(), name: i.name })) }));
}

export function draftOf(template: Pick<InspectionTemplate, 'name' | 'houseType' | 'remark' | 'areas'> | null): TemplateDraft {
  if (!template) {
    return { name: '', houseType: '', remark: '', areas: [{ key: newKey(), name: '', items: [{ key: newKey(), name: '' }] }] };
  }
  return { name: template.name, houseType: template.houseType, remark: template.remark, areas: draftFromAreas(template.areas) };
}

export function areasOf(draft: TemplateDraft): TemplateArea[] {
  return draft.areas.map((a) => ({ name: a.name.trim(), items: a.items.map((i) => ({ name: i.name.trim() })) }));
}

/** What the save compares against: the content only, without the row keys. */
export function contentKey(draft: TemplateDraft): string {
  return JSON.stringify([draft.name.trim(), draft.houseType.trim(), draft.remark.trim(), areasOf(draft)]);
}

/** The first problem of the areas and items (the host checks the same schema), or null. */
export function areasProblem(draft: TemplateDraft): string | null {
  const result = templateAreasSchema.safeParse(areasOf(draft));
  return result.success ? null : (result.error.issues[0]?.message ?? null);
}

export function countItems(draft: TemplateDraft): number {
  return draft.areas.reduce((n, a) => n + a.items.length, 0);
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [entry] = next.splice(from, 1);
  if (entry !== undefined) next.splice(to, 0, entry);
  return next;
}
