import type { ComponentType } from 'react';
import { CustomFieldsPage } from '../pages/customFields/CustomFieldsPage.js';
import { CustomersPage } from '../pages/customers/CustomersPage.js';
import { DictionariesPage } from '../pages/dictionaries/DictionariesPage.js';
import { ExcelImportPage } from '../pages/excelImport/ExcelImportPage.js';
import { OrganizationPage } from '../pages/organization/OrganizationPage.js';
import { ResourcesPage } from '../pages/resources/ResourcesPage.js';
import { SyncPage } from '../pages/sync/SyncPage.js';
import type { PageKey } from '../store/navigation.js';

export const PAGES: Record<PageKey, ComponentType> = {
  customers: CustomersPage,
  resources: ResourcesPage,
  dictionaries: DictionariesPage,
  customFields: CustomFieldsPage,
  organization: OrganizationPage,
  excelImport: ExcelImportPage,
  sync: SyncPage,
};
