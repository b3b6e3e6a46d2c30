/**
 * Field-by-field merge with last-writer-wins per field, ordered by HLC. The same function
 * runs on the server and on every device, so all of them reach the same record whatever
 * order changes arrive in: two offices editing different fields both survive, and the same
 * field edited twice keeps the later edit (the earlier value stays in the change history).
 */
export interface FieldState {
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
}

export interface IncomingFields {
  fields: Record<string, unknown>;
  /** The change's HLC, for every field without its own clock. */
  hlc: string;
  clocks?: Record<string, string>;
}

export interface MergeResult extends FieldState {
  /** Fields the incoming change set (it was later than what was there). */
  won: string[];
  /** Fields the incoming change lost to a later edit already there. */
  lost: string[];
}

export function mergeFields(current: FieldState | undefined, incoming: IncomingFields): MergeResult {
  const fields = { ...(current?.fields ?? {}) };
  const clocks = { ...(current?.clocks ?? {}) };
  const won: string[] = [];
  const lost: string[] = [];
  for (const [field, value] of Object.entries(incoming.fields)) {
    const stamp = incoming.clocks?.[field] ?? incoming.hlc;
    const existing = clocks[field];
    // Equal stamps are the same change seen twice: nothing to do, and not a loss.
    if (existing !== undefined && existing >= stamp) {
      if (existing > stamp) lost.push(field);
      continue;
    }
    fields[field] = value;
    clocks[field] = stamp;
    won.push(field);
  }
  return { fields, clocks, won, lost };
}

/** The newest stamp of a record: the greatest of its field clocks. */
export function newestClock(clocks: Record<string, string>): string | null {
  let newest: string | null = null;
  for (const stamp of Object.values(clocks)) if (newest === null || stamp > newest) newest = stamp;
  return newest;
}
