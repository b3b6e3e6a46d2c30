import type { HandoverRow } from '../../../../../shared/api/calls/handover.js';
import type { HandoverStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { createPagedListStore } from '../../../store/pagedList.js';

export interface HandoverQuery {
  batchId: string | null;
  buildingId: string | undefined;
  status: HandoverStatus | undefined;
  text: string;
}

export const EMPTY_HANDOVER_QUERY: HandoverQuery = { batchId: null, buildingId: undefined, status: undefined, text: '' };

/** A batch's rooms (交付单) under the filters of the batch screen. */
export const useHandoverList = createPagedListStore<HandoverQuery, HandoverRow>(EMPTY_HANDOVER_QUERY, (query, page, pageSize) =>
  query.batchId
    ? api.call('handover.list', {
        batchId: query.batchId,
        buildingId: query.buildingId,
        status: query.status,
        query: query.text.trim().slice(0, 50) || undefined,
        page,
        pageSize,
      })
    : Promise.resolve({ items: [], total: 0, page, pageSize }),
);
