import { create } from 'zustand';
import {
  IMPORT_FIELDS,
  IMPORT_MAX_BYTES,
  PROJECT_IMPORT_KINDS,
  type ImportCommitResult,
  type ImportDryRunResult,
  type ImportKind,
  type ImportMapping,
  type ImportMode,
  type ImportOpenResult,
} from '../../../../shared/api/calls/excel.js';
import { api, ApiCallError } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { downloadBase64, readFileBase64 } from '../../components/download.js';
import { notifyError } from '../../components/feedback.js';
import { translate, useLangStore } from '../../i18n/index.js';

export type WizardStep = 0 | 1 | 2 | 3;
export type Busy = 'open' | 'sheet' | 'check' | 'commit' | 'rejected' | 'template' | null;

/** A failure the screen keeps showing (not a passing message): a bad file, an expired one, a refused commit. */
export interface StepProblem {
  title: string;
  /** The host's own (Chinese) words, when the title does not already say them. */
  detail?: string;
}

interface WizardState {
  step: WizardStep;
  kind: ImportKind;
  /** The project chosen on this screen; null follows the session's current project. */
  projectId: string | null;
  opened: ImportOpenResult | null;
  mapping: ImportMapping;
  checked: ImportDryRunResult | null;
  result: ImportCommitResult | null;
  busy: Busy;
  problem: StepProblem | null;

  setKind: (kind: ImportKind) => void;
  setProject: (projectId: string) => void;
  openFile: (file: File, projectId: string | null) => Promise<void>;
  selectSheet: (sheet: string) => Promise<void>;
  setColumn: (field: string, column: number | null) => void;
  check: () => Promise<void>;
  commit: (mode: ImportMode) => Promise<void>;
  downloadRejected: () => Promise<void>;
  downloadTemplate: () => Promise<void>;
  goTo: (step: WizardStep) => void;
  /** Forgets the file (here and on the host) and starts again at step 1, keeping kind and project. */
  restart: () => void;
}

export function needsProject(kind: ImportKind): boolean {
  return PROJECT_IMPORT_KINDS.includes(kind);
}

/** Required fields without a column, and whether a room-area import has something to update. */
export function mappingGaps(kind: ImportKind, mapping: ImportMapping): { missing: string[]; noAreaField: boolean } {
  const missing = IMPORT_FIELDS[kind].filter((f) => f.required && (mapping[f.key] ?? null) === null).map((f) => f.key);
  const noAreaField =
    kind === 'resourceAreas' && !['buildArea', 'innerArea', 'houseType'].some((key) => (mapping[key] ?? null) !== null);
  return { missing, noAreaField };
}

const lang = () => useLangStore.getState().lang;

function problemOf(error: unknown, title?: string): StepProblem {
  const text = errorText(lang(), error);
  if (!title) {
    // In English the title is the translated code; the host's Chinese words still name the row or cell.
    const detail = error instanceof ApiCallError && error.message !== text ? error.message : undefined;
    return { title: text, detail };
  }
  return { title, detail: text };
}

function isExpired(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'IMPORT_EXPIRED';
}

const INITIAL = {
  step: 0 as WizardStep,
  opened: null,
  mapping: {},
  checked: null,
  result: null,
  busy: null as Busy,
  problem: null,
};

/**
 * The import wizard, kept outside the page so that looking at another screen meanwhile does not
 * lose the file (the host keeps it for 30 minutes after its last use).
 */
export const useImportWizard = create<WizardState>((set, get) => {
  const forget = () => {
    const fileId = get().opened?.fileId;
    if (fileId) void api.call('import.close', { fileId }).catch(() => undefined);
  };

  /** A call that needs the opened file; an expired file sends the user back to step 1 with the reason. */
  const withFile = async <T>(busy: Busy, work: (fileId: string) => Promise<T>): Promise<T | undefined> => {
    const fileId = get().opened?.fileId;
    if (!fileId || get().busy) return undefined;
    set({ busy, problem: null });
    try {
      return await work(fileId);
    } catch (error) {
      if (isExpired(error)) {
        set({ ...INITIAL, problem: problemOf(error, translate(lang(), 'excelImport.expired')) });
      } else {
        notifyError(error);
      }
      return undefined;
    } finally {
      if (get().busy === busy) set({ busy: null });
    }
  };

  return {
    ...INITIAL,
    kind: 'customers',
    projectId: null,

    setKind: (kind) => {
      if (kind === get().kind) return;
      forget();
      set({ ...INITIAL, kind });
    },

    setProject: (projectId) => {
      if (projectId === get().projectId) return;
      forget();
      set({ ...INITIAL, projectId });
    },

    openFile: async (file, projectId) => {
      if (get().busy) return;
      const { kind } = get();
      const fileError = (title: string) => ({
        title: translate(lang(), 'excelImport.fileError', { name: file.name }),
        detail: title,
      });
      if (file.size > IMPORT_MAX_BYTES) {
        set({ problem: fileError(translate(lang(), 'excelImport.tooBig', { mb: IMPORT_MAX_BYTES / 1024 / 1024 })) });
        return;
      }
      set({ busy: 'open', problem: null });
      try {
        let fileBase64: string;
        try {
          fileBase64 = await readFileBase64(file);
        } catch {
          set({ problem: fileError(translate(lang(), 'excelImport.readFailed')) });
          return;
        }
        const opened = await api.call('import.open', {
          kind,
          projectId: needsProject(kind) ? (projectId ?? undefined) : undefined,
          fileName: file.name,
          fileBase64,
        });
        forget();
        // The file belongs to the project it was opened for, whatever the header switcher does next.
        const pinned = needsProject(kind) ? projectId : get().projectId;
        set({ ...INITIAL, step: 1, opened, mapping: opened.suggestedMapping, projectId: pinned });
      } catch (error) {
        const title = translate(lang(), 'excelImport.fileError', { name: file.name });
        set({ problem: problemOf(error, title) });
      } finally {
        if (get().busy === 'open') set({ busy: null });
      }
    },

    selectSheet: async (sheet) => {
      const opened = await withFile('sheet', (fileId) => api.call('import.selectSheet', { fileId, sheet }));
      if (opened) set({ opened, mapping: opened.suggestedMapping, checked: null, result: null });
    },

    setColumn: (field, column) => {
      // A column feeds one field: choosing it here takes it from the field that had it.
      const mapping = Object.fromEntries(
        Object.entries(get().mapping).map(([key, index]) => [key, column !== null && index === column ? null : index]),
      );
      set({ mapping: { ...mapping, [field]: column }, checked: null });
    },

    check: async () => {
      const { mapping } = get();
      const checked = await withFile('check', (fileId) => api.call('import.dryRun', { fileId, mapping }));
      if (checked) set({ checked, step: 2 });
    },

    commit: async (mode) => {
      const { mapping } = get();
      const fileId = get().opened?.fileId;
      if (!fileId || get().busy) return;
      set({ busy: 'commit', problem: null });
      try {
        const result = await api.call('import.commit', { fileId, mapping, mode });
        set({ result, step: 3 });
      } catch (error) {
        if (isExpired(error)) set({ ...INITIAL, problem: problemOf(error, translate(lang(), 'excelImport.expired')) });
        else set({ problem: problemOf(error, translate(lang(), 'excelImport.commitFailed')) });
      } finally {
        if (get().busy === 'commit') set({ busy: null });
      }
    },

    downloadRejected: async () => {
      const { mapping, kind } = get();
      const file = await withFile('rejected', (fileId) => api.call('import.rejectedWorkbook', { fileId, mapping }));
      if (!file) return;
      const name = translate(lang(), 'excelImport.rejectedFileName', {
        kind: translate(lang(), `excelImport.kindShort.${kind}`),
      });
      downloadBase64(file.base64, name);
    },

    downloadTemplate: async () => {
      if (get().busy) return;
      set({ busy: 'template' });
      try {
        const file = await api.call('import.template', { kind: get().kind });
        downloadBase64(file.base64, file.fileName);
      } catch (error) {
        notifyError(error);
      } finally {
        if (get().busy === 'template') set({ busy: null });
      }
    },

    goTo: (step) => set({ step, problem: null }),

    restart: () => {
      forget();
      set({ ...INITIAL });
    },
  };
});
