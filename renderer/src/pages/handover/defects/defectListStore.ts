import type { DefectRow } from '../../../../../shared/api/calls/handover.js';
import type { CallInput } from '../../../../../shared/api/contract.js';
import type { DefectStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { createPagedListStore } from '../../../store/pagedList.js';

export interface DefectQuery {
  batchId: string | undefined;
  buildingId: string | undefined;
  /** One room, when another screen asked for its defects. */
  resource: { id: string; place: string } | null;
  status: DefectStatus | undefined;
  openOnly: boolean;
  overdueOnly: boolean;
  contractor: string;
  text: string;
}

export const EMPTY_DEFECT_QUERY: DefectQuery = {
  batchId: undefined,
  buildingId: undefined,
  resource: null,
  status: undefined,
  openOnly: true,
  overdueOnly: false,
  contractor: '',
  text: '',
};

/** The filter as the host takes it, for the list and for the export alike. */
export function defectFilter(query: DefectQuery): CallInput<'defect.export'> {
  return {
    batchId: query.batchId,
    buildingId: query.buildingId,
    resourceId: query.resource?.id,
    status: query.status,
    openOnly: query.openOnly,
    overdueOnly: query.overdueOnly,
    contractor: query.contractor.trim().slice(0, 50) || undefined,
    query: query.text.trim().slice(0, 50) || undefined,
  };
}

export const useDefectList = createPagedListStore<DefectQuery, DefectRow>(EMPTY_DEFECT_QUERY, (query, page, pageSize) =>
  api.call('defect.list', { ...defectFilter(query), page, pageSize }),
);
