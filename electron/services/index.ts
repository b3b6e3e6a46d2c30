import type { Handlers } from '../../shared/api/contract.js';
import type { ServiceContext } from './context.js';
import { customFieldHandlers } from './custom-fields.js';
import { dictionaryHandlers } from './dictionaries.js';
import { historyHandlers } from './history.js';
import { orgHandlers } from './org.js';
import { resourceHandlers } from './resources.js';
import { customerHandlers } from './customers.js';
import { customerDocumentHandlers } from './customer-documents.js';
import { relationHandlers } from './relations.js';
import { searchHandlers } from './search.js';
import { excelHandlers } from './excel/index.js';
import { syncHandlers } from './sync.js';
import { handoverHandlers } from './handover/index.js';
import { reportHandlers } from './handover/reports.js';
import { progressHandlers } from './handover/progress.js';

/** Every call of the contract, bound to one open database. */
export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    'app.info': () => ctx.info(),
    ...dictionaryHandlers(ctx),
    ...customFieldHandlers(ctx),
    ...historyHandlers(ctx),
    ...orgHandlers(ctx),
    ...resourceHandlers(ctx),
    ...customerHandlers(ctx),
    ...customerDocumentHandlers(ctx),
    ...relationHandlers(ctx),
    ...searchHandlers(ctx),
    ...excelHandlers(ctx),
    ...syncHandlers(ctx),
    ...handoverHandlers(ctx),
    ...reportHandlers(ctx),
    ...progressHandlers(ctx),
  };
}
