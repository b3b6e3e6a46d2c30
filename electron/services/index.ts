import type { Handlers } from '../../shared/api/contract.js';
import type { ServiceContext } from './context.js';
import { customFieldHandlers } from './custom-fields.js';
import { dictionaryHandlers } from './dictionaries.js';
import { historyHandlers } from './history.js';

/** Every call of the contract, bound to one open database. */
export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    'app.info': () => ctx.info(),
    ...dictionaryHandlers(ctx),
    ...customFieldHandlers(ctx),
    ...historyHandlers(ctx),
  };
}
