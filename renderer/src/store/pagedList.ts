import { create } from 'zustand';
import { pageCount, type Page } from '../../../shared/domain/paging.js';
import { notifyError } from '../components/feedback.js';

export interface PagedListState<Q, T> {
  query: Q;
  page: number;
  pageSize: number;
  items: T[];
  total: number;
  loading: boolean;
  selectedIds: string[];
  /** A new query starts again at page 1 with nothing selected. */
  setQuery: (query: Q) => Promise<void>;
  setPage: (page: number, pageSize: number) => Promise<void>;
  reload: () => Promise<void>;
  select: (ids: string[]) => void;
}

/**
 * One paged, filterable list of records (a screen's main table). Responses that
 * arrive after a newer request are dropped, so fast paging never shows stale rows.
 */
export function createPagedListStore<Q, T extends { id: string }>(
  initialQuery: Q,
  fetchPage: (query: Q, page: number, pageSize: number) => Promise<Page<T>>,
) {
  let sequence = 0;
  return create<PagedListState<Q, T>>((set, get) => {
    const reload = async (): Promise<void> => {
      const ticket = ++sequence;
      const { query, page, pageSize } = get();
      set({ loading: true });
      try {
        const result = await fetchPage(query, page, pageSize);
        if (ticket !== sequence) return;
        const last = pageCount(result.total, pageSize);
        if (result.items.length === 0 && page > last) {
          // Rows vanished under us (invalidated with a filter on, say): show the new last page.
          set({ page: last });
          return reload();
        }
        const present = new Set(result.items.map((item) => item.id));
        set({
          items: result.items,
          total: result.total,
          loading: false,
          selectedIds: get().selectedIds.filter((id) => present.has(id)),
        });
      } catch (error) {
        if (ticket !== sequence) return;
        set({ loading: false });
        notifyError(error);
      }
    };
    return {
      query: initialQuery,
      page: 1,
      pageSize: 20,
      items: [],
      total: 0,
      loading: false,
      selectedIds: [],
      setQuery: (query) => {
        set({ query, page: 1, selectedIds: [] });
        return reload();
      },
      setPage: (page, pageSize) => {
        set({ page, pageSize });
        return reload();
      },
      reload,
      select: (ids) => set({ selectedIds: ids }),
    };
  });
}
