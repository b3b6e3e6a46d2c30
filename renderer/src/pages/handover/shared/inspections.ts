import type { CallInput } from '../../../../../shared/api/contract.js';
import { api } from '../../../api/client.js';
import { downloadBase64 } from '../../../components/download.js';
import { useNavigation } from '../../../store/navigation.js';

/** Starts (or reopens: the host returns the open one of the room and kind) and shows the inspection. */
export async function startInspection(input: CallInput<'inspection.start'>): Promise<void> {
  const view = await api.call('inspection.start', input);
  useNavigation.getState().go('inspection', { inspectionId: view.inspection.id });
}

export function openInspection(inspectionId: string): void {
  useNavigation.getState().go('inspection', { inspectionId });
}

/** The PDF of a finalised report, saved like any other download. */
export async function downloadReport(reportId: string): Promise<string> {
  const file = await api.call('report.content', { id: reportId });
  downloadBase64(file.dataBase64, file.fileName, 'application/pdf');
  return file.fileName;
}
