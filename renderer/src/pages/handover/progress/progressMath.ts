import type { ProgressCounts } from '../../../../../shared/api/calls/handover.js';
import type { MessageKey } from '../../../i18n/index.js';

export interface Series {
  key: 'accepted' | 'acceptedWithDefects' | 'refused' | 'inspectedOnly' | 'appointedOnly' | 'notAppointed';
  label: MessageKey;
  color: string;
}

/** Each room counts once, at the furthest stage it reached. */
export const STAGES: readonly Series[] = [
  { key: 'accepted', label: 'ho.prog.seg.accepted', color: '#52c41a' },
  { key: 'acceptedWithDefects', label: 'ho.prog.seg.acceptedWithDefects', color: '#faad14' },
  { key: 'refused', label: 'ho.prog.seg.refused', color: '#ff4d4f' },
  { key: 'inspectedOnly', label: 'ho.prog.seg.inspectedOnly', color: '#1677ff' },
  { key: 'appointedOnly', label: 'ho.prog.seg.appointedOnly', color: '#91caff' },
  { key: 'notAppointed', label: 'ho.prog.seg.notAppointed', color: '#e8e8e8' },
];

/**
 * The counts as parts of the rooms: received (three outcomes), inspected without an outcome,
 * appointed but not yet inspected, and not appointed. A room inspected without an appointment
 * (a walk-in) is counted as inspected, so the parts add up to the rooms.
 */
export function stagesOf(c: ProgressCounts): Record<Series['key'], number> {
  const outcomes = c.accepted + c.acceptedWithDefects + c.refused;
  const inspected = Math.max(c.inspected, outcomes);
  const inspectedOnly = inspected - outcomes;
  const appointedOnly = Math.max(0, Math.min(c.appointed, c.rooms) - inspected);
  const notAppointed = Math.max(0, c.rooms - inspected - appointedOnly);
  return {
    accepted: c.accepted,
    acceptedWithDefects: c.acceptedWithDefects,
    refused: c.refused,
    inspectedOnly,
    appointedOnly,
    notAppointed,
  };
}

/** 交付率: rooms received (with or without open defects) of all rooms. */
export function handedRate(c: ProgressCounts): number {
  return c.rooms > 0 ? (c.accepted + c.acceptedWithDefects) / c.rooms : 0;
}
