import type { ComponentType } from 'react';
import { CustomFieldsPage } from '../pages/customFields/CustomFieldsPage.js';
import { CustomersPage } from '../pages/customers/CustomersPage.js';
import { DictionariesPage } from '../pages/dictionaries/DictionariesPage.js';
import { ExcelImportPage } from '../pages/excelImport/ExcelImportPage.js';
import { BatchesPage } from '../pages/handover/batches/BatchesPage.js';
import { HandoverDayPage } from '../pages/handover/day/HandoverDayPage.js';
import { DefectsPage } from '../pages/handover/defects/DefectsPage.js';
import { InspectionPage } from '../pages/handover/inspection/InspectionPage.js';
import { ProgressPage } from '../pages/handover/progress/ProgressPage.js';
import { TemplatesPage } from '../pages/handover/templates/TemplatesPage.js';
import { OrganizationPage } from '../pages/organization/OrganizationPage.js';
import { ResourcesPage } from '../pages/resources/ResourcesPage.js';
import { SyncPage } from '../pages/sync/SyncPage.js';
import type { PageKey } from '../store/navigation.js';

export const PAGES: Record<PageKey, ComponentType> = {
  customers: CustomersPage,
  resources: ResourcesPage,
  handoverDay: HandoverDayPage,
  handoverBatches: BatchesPage,
  inspection: InspectionPage,
  defects: DefectsPage,
  handoverProgress: ProgressPage,
  inspectionTemplates: TemplatesPage,
  dictionaries: DictionariesPage,
  customFields: CustomFieldsPage,
  organization: OrganizationPage,
  excelImport: ExcelImportPage,
  sync: SyncPage,
};
