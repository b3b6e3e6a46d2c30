import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { encodeHlc } from '../../shared/sync/hlc.js';
import type { FeedEntry, PullResponse } from '../../shared/sync/protocol.js';

/** Builders of server answers for the applier's tests. */

/** An HLC stamp `offsetMs` from now on another device. */
export function stampAt(offsetMs: number, node = 'device-other', counter = 0): string {
  return encodeHlc({ wallMs: Date.now() + offsetMs, counter, node });
}

export function feedEntry(
  entry: Pick<FeedEntry, 'entity' | 'entityId' | 'fields'> & Partial<FeedEntry>,
): FeedEntry {
  const hlc = entry.hlc ?? stampAt(0);
  const at = entry.at ?? new Date().toISOString();
  return {
    seq: 1,
    changeId: uuidv7(),
    txId: uuidv7(),
    projectId: null,
    op: 'update',
    old: {},
    actorId: 'u-other',
    actorName: '另一位同事',
    deviceId: 'device-other',
    at,
    record: { createdAt: at, createdBy: 'u-other', updatedAt: at, updatedBy: 'u-other' },
    ...entry,
    hlc,
  };
}

/** A page of `scope` with these entries numbered from `after + 1`. */
export function feedPage(scope: string, entries: FeedEntry[], after = 0, hasMore = false): PullResponse {
  const numbered = entries.map((e, i) => ({ ...e, seq: after + i + 1 }));
  return { scope, entries: numbered, next: after + numbered.length, hasMore, serverHlc: stampAt(0, 'server') };
}

