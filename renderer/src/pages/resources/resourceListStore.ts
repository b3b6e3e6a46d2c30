import type { Resource, ResourceKind, ResourceStatus } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { createPagedListStore } from '../../store/pagedList.js';

export interface ResourceQuery {
  projectId: string | null;
  on: string | null;
  underId: string | null;
  kind: ResourceKind | undefined;
  status: ResourceStatus | undefined;
  text: string;
}

export const EMPTY_QUERY: ResourceQuery = {
  projectId: null,
  on: null,
  underId: null,
  kind: undefined,
  status: undefined,
  text: '',
};

/** The 列表 tab: the project's resources on the viewed date, under the node chosen in the tree. */
export const useResourceList = createPagedListStore<ResourceQuery, Resource>(EMPTY_QUERY, (query, page, pageSize) =>
  query.projectId
    ? api.call('resource.list', {
        projectId: query.projectId,
        on: query.on ?? undefined,
        underId: query.underId ?? undefined,
        kind: query.kind,
        status: query.status,
        query: query.text.trim() || undefined,
        page,
        pageSize,
      })
    : Promise.resolve({ items: [], total: 0, page, pageSize }),
);
