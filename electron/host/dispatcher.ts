import { contract, isCallName, type Envelope, type Handlers } from '../../shared/api/contract.js';
import { AppError, ERROR_MESSAGES } from '../../shared/errors.js';
import type { ZodError } from 'zod';

export type Logger = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

/**
 * The one entry point both transports call. It validates the input against the
 * contract before any service runs, and turns every failure into a typed code with a
 * Chinese message; stack traces go to the log, never across the boundary.
 */
export function createDispatcher(handlers: Handlers, log: Logger) {
  return async function dispatch(name: unknown, input: unknown): Promise<Envelope<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: ERROR_MESSAGES.UNKNOWN_CALL } };
    }
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: validationError(parsed.error) };
    }
    try {
      const handler = handlers[name] as (args: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value ?? null };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      log('error', `call ${name} failed`, error);
      return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function validationError(error: ZodError) {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fieldErrors[path] ??= issue.message;
  }
  const first = Object.values(fieldErrors)[0];
  return { code: 'VALIDATION' as const, message: first ?? ERROR_MESSAGES.VALIDATION, fieldErrors };
}
