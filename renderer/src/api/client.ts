import { createApiClient } from '../../../shared/api/client.js';
import { pickTransport } from './transport.js';

export { ApiCallError } from '../../../shared/api/client.js';

export const api = createApiClient(pickTransport());
