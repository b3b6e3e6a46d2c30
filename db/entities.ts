import type { EntityName } from '../shared/domain/audit.js';
import type { DerivedField } from '../shared/domain/derived.js';
import {
  bankAccounts,
  customerDocuments,
  customerMerges,
  customerPhones,
  customerResources,
  customers,
  customFieldDefs,
  customFieldOptions,
  dictItems,
  employees,
  familyMembers,
  projectGrants,
  projects,
  regions,
  resourceLineage,
  resources,
  vehicles,
  handoverBatches,
  handovers,
  handoverAppointments,
  inspectionTemplates,
  inspections,
  inspectionItems,
  defects,
  defectSteps,
  defectPhotos,
  meterReadings,
  handedItems,
  handoverReports,
} from './schema.js';

/** Every table that goes through the write path, by the entity name used in the change log. */
export const entityTables = {
  dictItem: dictItems,
  customFieldDef: customFieldDefs,
  customFieldOption: customFieldOptions,
  region: regions,
  project: projects,
  employee: employees,
  projectGrant: projectGrants,
  resource: resources,
  resourceLineage: resourceLineage,
  customer: customers,
  customerPhone: customerPhones,
  familyMember: familyMembers,
  vehicle: vehicles,
  bankAccount: bankAccounts,
  customerResource: customerResources,
  customerMerge: customerMerges,
  customerDocument: customerDocuments,
  handoverBatch: handoverBatches,
  handover: handovers,
  handoverAppointment: handoverAppointments,
  inspectionTemplate: inspectionTemplates,
  inspection: inspections,
  inspectionItem: inspectionItems,
  defect: defects,
  defectStep: defectSteps,
  defectPhoto: defectPhotos,
  meterReading: meterReadings,
  handedItem: handedItems,
  handoverReport: handoverReports,
} as const satisfies Record<EntityName, unknown>;

export type EntityTables = typeof entityTables;
export type EntityRow<E extends EntityName> = EntityTables[E]['$inferSelect'];
type Insert<E extends EntityName> = EntityTables[E]['$inferInsert'];
/**
 * What a caller supplies on create: the audit columns are the write path's business, and so
 * are derived fields (computed by it; a caller may give those a derivation lets it keep).
 */
export type EntityValues<E extends EntityName> = Omit<
  Insert<E>,
  'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'deletedAt' | DerivedField<E>
> &
  Partial<Pick<Insert<E>, DerivedField<E> & keyof Insert<E>>> & { id?: string };
export type EntityPatch<E extends EntityName> = Partial<Omit<EntityValues<E>, 'id' | 'projectId'>>;
