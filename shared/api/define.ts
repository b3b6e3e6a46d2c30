import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';

/**
 * One call of the API: its input schema (validated by the host before any service
 * runs), its result type, and the error codes it may answer with besides the ones
 * every call can (VALIDATION, INTERNAL, UNAUTHORIZED).
 */
export interface CallDef<I extends z.ZodType, O> {
  readonly input: I;
  readonly errors: readonly ErrorCode[];
  /** Phantom: carries the result type; never set at run time. */
  readonly __output?: O;
}

/** `call<Result>()({ input, errors })`: the result type is given, the input type inferred. */
export function call<O>() {
  return <I extends z.ZodType>(def: { input: I; errors?: readonly ErrorCode[] }): CallDef<I, O> => ({
    input: def.input,
    errors: def.errors ?? [],
  });
}
