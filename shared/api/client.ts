import type { ApiError, ErrorCode } from '../errors.js';
import type { CallInput, CallName, CallResult, Invoke } from './contract.js';

/** A failed call as the renderer sees it: the typed code and its Chinese message. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.fieldErrors = error.fieldErrors ?? {};
    this.details = error.details ?? {};
  }
}

export interface ApiClient {
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallResult<K>>;
}

/** Typed calls over whichever transport the host provides; the caller cannot tell which. */
export function createApiClient(invoke: Invoke): ApiClient {
  return {
    async call(name, input) {
      const envelope = await invoke(name, input);
      if (!envelope.ok) throw new ApiCallError(envelope.error);
      return envelope.value as never;
    },
  };
}
