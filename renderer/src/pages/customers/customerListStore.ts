import type { CustomerListRow } from '../../../../shared/api/calls/customers.js';
import { api } from '../../api/client.js';
import { createPagedListStore } from '../../store/pagedList.js';
import { useSession } from '../../store/session.js';

export interface CustomerQuery {
  text: string;
  onlyProject: boolean;
}

export const useCustomerList = createPagedListStore<CustomerQuery, CustomerListRow>(
  { text: '', onlyProject: false },
  (query, page, pageSize) => {
    const projectId = query.onlyProject ? useSession.getState().session?.currentProjectId : undefined;
    return api.call('customer.list', {
      query: query.text.trim().slice(0, 50) || undefined,
      projectId: projectId ?? undefined,
      page,
      pageSize,
    });
  },
);
