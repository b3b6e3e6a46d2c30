import type { EntityName } from '../shared/domain/audit.js';
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
/** What a caller supplies on create: the audit columns are the write path's business. */
export type EntityValues<E extends EntityName> = Omit<
  EntityTables[E]['$inferInsert'],
  'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'deletedAt'
> & { id?: string };
export type EntityPatch<E extends EntityName> = Partial<Omit<EntityValues<E>, 'id' | 'projectId'>>;
