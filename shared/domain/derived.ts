import type { EntityName } from './audit.js';
import { normalizeRoomQuery } from './building-plan.js';
import { idDocumentKey, type IdDocumentType } from './id-documents.js';
import { normalizePhone, phoneSuffixKey } from './phones.js';
import { nameSearchKeys } from './pinyin.js';
import { validatePlate } from './plates.js';

/**
 * Fields computed from others and kept on the row so search can use an index (pinyin
 * initials, reversed numbers, a room's search codes) or so identity is one column (idKey).
 * They are computed HERE and applied by the write path (db/write.ts) to every creation and to
 * every update that sets one of their sources, so whatever writes the record — a service, a
 * 冲突 retried or edited, 恢复 from history — the derived fields follow the values written.
 */
export interface Derivation<D extends string = string> {
  /** The fields they are computed from: a write that sets one of them recomputes all. */
  sources: readonly string[];
  derived: readonly D[];
  /**
   * Derived fields a writer may give itself, kept when given: a 楼盘表 plan knows a room's
   * building, unit and floor, and so its search codes, better than its code says.
   */
  keepGiven?: readonly D[];
  /**
   * The derived values of a row (the row as it will be: every source present). May also give a
   * source in its stored form (a phone number typed with spaces).
   */
  derive(row: Readonly<Record<string, unknown>>): Partial<Record<D, unknown>> & Record<string, unknown>;
}

const reversed = (s: string) => [...s].reverse().join('');
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Search keys of a room's code typed by hand: what it is searched by ('1-2-0301' → 1-2-301 and 1-301). */
export function codeSearchKeys(code: string): { searchCode: string; shortCode: string } {
  const keys = normalizeRoomQuery(code);
  return { searchCode: keys?.searchCode ?? code.toUpperCase(), shortCode: keys?.shortCode ?? '' };
}

function derivation<const D extends string>(d: Derivation<D>): Derivation<D> {
  return d;
}

export const DERIVATIONS = {
  customer: derivation({
    sources: ['kind', 'name', 'idType', 'idNumber'],
    derived: ['idKey', 'nameInitials', 'namePinyin', 'nameReversed', 'idReversed'],
    derive(row) {
      const name = text(row.name);
      const idNumber = text(row.idNumber);
      const keys = nameSearchKeys(name, row.kind === 'company' ? 'organization' : 'person');
      return {
        idKey: idDocumentKey(text(row.idType) as IdDocumentType, idNumber) ?? '',
        nameInitials: keys.initials,
        namePinyin: keys.full,
        nameReversed: reversed(name),
        idReversed: reversed(idNumber),
      };
    },
  }),
  customerPhone: derivation({
    sources: ['number'],
    derived: ['kind', 'reversed'],
    derive(row) {
      const parsed = normalizePhone(text(row.number));
      if (!parsed.ok) return { kind: row.kind ?? 'mobile', reversed: phoneSuffixKey(text(row.number)) };
      return { number: parsed.number, kind: parsed.kind, reversed: phoneSuffixKey(parsed.number) };
    },
  }),
  vehicle: derivation({
    sources: ['plate'],
    derived: ['plateReversed', 'newEnergy'],
    derive(row) {
      const plate = text(row.plate);
      const checked = validatePlate(plate);
      return { plateReversed: reversed(plate), newEnergy: checked.ok && checked.newEnergy };
    },
  }),
  resource: derivation({
    sources: ['code'],
    derived: ['searchCode', 'shortCode'],
    keepGiven: ['searchCode', 'shortCode'],
    derive: (row) => codeSearchKeys(text(row.code)),
  }),
} satisfies Partial<Record<EntityName, Derivation>>;

type Derivations = typeof DERIVATIONS;
/** The derived fields of an entity (a writer need not give them). */
export type DerivedField<E extends EntityName> = E extends keyof Derivations ? Derivations[E]['derived'][number] : never;

export function derivationOf(entity: EntityName): Derivation | undefined {
  return (DERIVATIONS as Partial<Record<EntityName, Derivation>>)[entity];
}

/**
 * The derived values to write with a creation or an update. `row`: the record as it will be
 * (current values, then the written ones); `written`: the fields the writer set. Nothing when
 * the write sets none of the sources (an update of a remark leaves the keys alone).
 */
export function derivedValues(
  entity: EntityName,
  row: Readonly<Record<string, unknown>>,
  written: Readonly<Record<string, unknown>>,
  creating: boolean,
): Record<string, unknown> {
  const d = derivationOf(entity);
  if (!d) return {};
  if (!creating && !d.sources.some((field) => written[field] !== undefined)) return {};
  const values: Record<string, unknown> = { ...d.derive(row) };
  for (const field of d.keepGiven ?? []) if (written[field] !== undefined) delete values[field];
  return values;
}
