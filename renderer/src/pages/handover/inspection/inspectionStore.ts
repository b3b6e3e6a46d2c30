import { create } from 'zustand';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import type { InspectionItem, ItemResult } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { translate, useLangStore } from '../../../i18n/index.js';
import type { OpenedReport } from './ReportViewer.js';
import { afterArea, firstOfArea, moveCursor, stepArea, type KeyCommand } from './keyboard.js';

export type InspectionTab = 'items' | 'defects' | 'meters' | 'handed' | 'signatures' | 'reports';

/** The defect drawer: an existing defect, or a new one for an item (or for an area only). */
export interface DefectTarget {
  defectId: string | null;
  itemId: string | null;
  area: string;
}

/** A tap that could not be saved and was undone on screen. */
export interface RolledBack {
  itemId: string;
  label: string;
  error: unknown;
}

interface InspectionState {
  view: InspectionView | null;
  loading: boolean;
  loadError: unknown;
  tab: InspectionTab;
  area: string | null;
  cursor: string | null;
  defectForm: DefectTarget | null;
  rolledBack: RolledBack | null;
  /** The report PDF on screen, and whether one is being made or read. */
  report: OpenedReport | null;
  reportBusy: boolean;
  open: (id: string) => Promise<void>;
  reload: () => Promise<void>;
  setView: (view: InspectionView) => void;
  setTab: (tab: InspectionTab) => void;
  showArea: (area: string) => void;
  select: (itemId: string) => void;
  setResult: (itemId: string, result: ItemResult | null) => Promise<boolean>;
  passRemaining: (area: string) => Promise<void>;
  openDefect: (target: DefectTarget) => void;
  closeDefect: () => void;
  dismissRollback: () => void;
  runKey: (command: KeyCommand) => void;
  /** 生成报告/查看报告: finalises (a new version only when the content changed) and shows it; or shows one version. */
  openReport: (reportId?: string) => Promise<void>;
  closeReport: () => void;
}

/**
 * Taps on their way to the local host, per item: the latest one wins, and a failed one
 * puts back what was last saved. A reload meanwhile keeps the taps still under way.
 */
const inFlight = new Map<string, { seq: number; result: ItemResult | null; saved: ItemResult | null }>();
let seqCounter = 0;

const t = (key: Parameters<typeof translate>[1], vars?: Parameters<typeof translate>[2]) =>
  translate(useLangStore.getState().lang, key, vars);

export const isLocked = (view: InspectionView | null): boolean => view?.inspection.status === 'completed';

function withResults(view: InspectionView, results: ReadonlyMap<string, ItemResult | null>): InspectionView {
  if (results.size === 0) return view;
  return {
    ...view,
    items: view.items.map((item) => (results.has(item.id) ? { ...item, result: results.get(item.id) ?? null } : item)),
  };
}

function withItem(view: InspectionView, saved: InspectionItem): InspectionView {
  return { ...view, items: view.items.map((item) => (item.id === saved.id ? saved : item)) };
}

/** The defect an item's Enter opens: its latest one, if it has any. */
export function latestDefectOf(view: InspectionView, itemId: string): string | null {
  const mine = view.defects.filter((d) => d.itemId === itemId);
  return mine.length > 0 ? mine[mine.length - 1]!.id : null;
}

export const useInspection = create<InspectionState>((set, get) => {
  const current = (id: string) => get().view?.inspection.id === id;

  const patch = (inspectionId: string, change: (view: InspectionView) => InspectionView) => {
    const view = get().view;
    if (view && view.inspection.id === inspectionId) set({ view: change(view) });
  };

  const onKeyResult = (result: ItemResult) => {
    const { view, cursor } = get();
    if (!view || !cursor || isLocked(view)) return;
    const item = view.items.find((i) => i.id === cursor);
    if (!item) return;
    void get().setResult(item.id, result);
    const next = moveCursor(view.items, cursor, 1);
    const nextArea = view.items.find((i) => i.id === next)?.area ?? item.area;
    set({ cursor: next, area: nextArea });
    if (result === 'fail' && latestDefectOf(view, item.id) === null) {
      set({ defectForm: { defectId: null, itemId: item.id, area: item.area } });
    }
  };

  return {
    view: null,
    loading: false,
    loadError: null,
    tab: 'items',
    area: null,
    cursor: null,
    defectForm: null,
    rolledBack: null,
    report: null,
    reportBusy: false,

    open: async (id) => {
      if (current(id)) return get().reload();
      inFlight.clear();
      set({
        view: null,
        loading: true,
        loadError: null,
        tab: 'items',
        area: null,
        cursor: null,
        defectForm: null,
        rolledBack: null,
        report: null,
      });
      try {
        const view = await api.call('inspection.view', { id });
        const first = view.items.find((i) => i.result === null) ?? view.items[0];
        set({ view, loading: false, area: first?.area ?? null, cursor: first?.id ?? null });
      } catch (error) {
        set({ loading: false, loadError: error });
      }
    },

    reload: async () => {
      const id = get().view?.inspection.id;
      if (!id) return;
      try {
        const view = await api.call('inspection.view', { id });
        if (!current(id)) return;
        const pending = new Map([...inFlight].map(([itemId, entry]) => [itemId, entry.result] as const));
        set({ view: withResults(view, pending) });
      } catch (error) {
        notifyError(error);
      }
    },

    setView: (view) => {
      const pending = new Map([...inFlight].map(([itemId, entry]) => [itemId, entry.result] as const));
      set({ view: withResults(view, pending) });
    },

    setTab: (tab) => set({ tab }),

    showArea: (area) => {
      const view = get().view;
      if (!view) return;
      set({ area, cursor: firstOfArea(view.items, area) });
    },

    select: (itemId) => {
      const item = get().view?.items.find((i) => i.id === itemId);
      if (item) set({ cursor: item.id, area: item.area });
    },

    setResult: async (itemId, result) => {
      const view = get().view;
      const item = view?.items.find((i) => i.id === itemId);
      if (!view || !item) return false;
      const inspectionId = view.inspection.id;
      const before = inFlight.get(itemId);
      const seq = ++seqCounter;
      inFlight.set(itemId, { seq, result, saved: before ? before.saved : item.result });
      patch(inspectionId, (v) => withResults(v, new Map([[itemId, result]])));
      if (get().rolledBack?.itemId === itemId) set({ rolledBack: null });
      try {
        const saved = await api.call('inspection.setItem', { id: itemId, result });
        const entry = inFlight.get(itemId);
        if (entry?.seq === seq) {
          inFlight.delete(itemId);
          patch(inspectionId, (v) => withItem(v, saved));
          // The host decides what becomes of a defect whose item no longer fails.
          if (result !== 'fail' && view.defects.some((d) => d.itemId === itemId)) void get().reload();
        } else if (entry) {
          entry.saved = saved.result;
        }
        return true;
      } catch (error) {
        const entry = inFlight.get(itemId);
        if (entry?.seq === seq) {
          inFlight.delete(itemId);
          patch(inspectionId, (v) => withResults(v, new Map([[itemId, entry.saved]])));
          set({ rolledBack: { itemId, label: `${item.area} · ${item.name}`, error } });
          notifyError(error);
        }
        return false;
      }
    },

    passRemaining: async (area) => {
      const view = get().view;
      if (!view || isLocked(view)) return;
      const inspectionId = view.inspection.id;
      const open = view.items.filter((i) => i.area === area && i.result === null && !inFlight.has(i.id)).map((i) => i.id);
      const next = afterArea(view.items, area);
      if (open.length === 0) {
        set(next);
        return;
      }
      patch(inspectionId, (v) => withResults(v, new Map(open.map((id) => [id, 'pass'] as const))));
      set(next);
      try {
        // The screen already shows it; the count matters only when the host passed items
        // this screen did not know were open (another device's change): then read it again.
        const { changed } = await api.call('inspection.passRemaining', { inspectionId, area });
        if (changed !== open.length) await get().reload();
      } catch (error) {
        patch(inspectionId, (v) =>
          withResults(v, new Map(open.filter((id) => !inFlight.has(id)).map((id) => [id, null] as const))),
        );
        set({ rolledBack: { itemId: open[0]!, label: area, error } });
        notifyError(error);
      }
    },

    openReport: async (reportId) => {
      const view = get().view;
      if (!view || get().reportBusy) return;
      const inspectionId = view.inspection.id;
      set({ reportBusy: true });
      try {
        const report = reportId
          ? view.reports.find((r) => r.id === reportId)
          : await api.call('report.finalize', { inspectionId });
        if (!report) return;
        const { fileName, dataBase64 } = await api.call('report.content', { id: report.id });
        if (!current(inspectionId)) return;
        set({ report: { report, fileName, dataBase64 } });
        if (!reportId && !view.reports.some((r) => r.id === report.id)) {
          notifySuccess(t('insp.report.made', { version: report.version }));
          await get().reload();
        }
      } catch (error) {
        notifyError(error);
      } finally {
        set({ reportBusy: false });
      }
    },
    closeReport: () => set({ report: null }),

    openDefect: (target) => set({ defectForm: target }),
    closeDefect: () => set({ defectForm: null }),
    dismissRollback: () => set({ rolledBack: null }),

    runKey: (command) => {
      const { view, cursor, area } = get();
      if (!view) return;
      switch (command.kind) {
        case 'move': {
          const next = moveCursor(view.items, cursor, command.delta);
          set({ cursor: next, area: view.items.find((i) => i.id === next)?.area ?? area });
          return;
        }
        case 'area': {
          const next = stepArea(view.items, area, command.delta);
          if (next) set(next);
          return;
        }
        case 'result':
          onKeyResult(command.result);
          return;
        case 'defect': {
          const item = view.items.find((i) => i.id === cursor);
          if (!item || item.result !== 'fail') return;
          const defectId = latestDefectOf(view, item.id);
          if (defectId === null && isLocked(view)) return;
          set({ defectForm: { defectId, itemId: item.id, area: item.area } });
          return;
        }
        case 'passRemaining':
          if (area) void get().passRemaining(area);
          return;
      }
    },
  };
});
