import type { Handlers } from '../../../shared/api/contract.js';
import type { handoverCalls } from '../../../shared/api/calls/handover.js';
import type { ServiceContext } from '../context.js';
import { appointmentHandlers } from './appointments.js';
import { handoverAttachmentHandlers } from './attachments.js';
import { batchHandlers } from './batches.js';
import { defectHandlers } from './defects.js';
import { inspectionHandlers } from './inspections.js';
import { templateHandlers } from './templates.js';

type ReportCalls = 'report.finalize' | 'report.content' | 'handover.progress' | 'handover.progressExport' | 'defect.export';

/**
 * 收楼/交付 and 验房: batches and handovers, appointments, templates, inspections, defects and
 * their files. The report and the progress figures (reports.ts, progress.ts) come apart.
 */
export function handoverHandlers(ctx: ServiceContext): Pick<Handlers, Exclude<keyof typeof handoverCalls, ReportCalls>> {
  return {
    ...batchHandlers(ctx),
    ...appointmentHandlers(ctx),
    ...templateHandlers(ctx),
    ...inspectionHandlers(ctx),
    ...defectHandlers(ctx),
    ...handoverAttachmentHandlers(ctx),
  };
}
