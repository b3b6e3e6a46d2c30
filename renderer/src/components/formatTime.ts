import dayjs from 'dayjs';

/** Stored times are UTC ISO strings; people read them in local time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const time = dayjs(iso);
  return time.isValid() ? time.format('YYYY-MM-DD HH:mm:ss') : iso;
}
