import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Input, Segmented, Space, Statistic, Table, Tooltip, Typography, type InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EyeOutlined, FormOutlined, LeftOutlined, ReloadOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { DayListRow } from '../../../../../shared/api/calls/handover.js';
import type { AppointmentStatus } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifySuccess } from '../../../components/feedback.js';
import { useShortcuts } from '../../../components/useShortcuts.js';
import { useLang, useT } from '../../../i18n/index.js';
import { useNavigation } from '../../../store/navigation.js';
import { phoneDisplay } from '../../customers/customerFormat.js';
import { areaText } from '../../resources/resourceText.js';
import { RescheduleModal, type RescheduleTarget } from '../shared/AppointmentModals.js';
import { HandoverDrawer } from '../shared/HandoverDrawer.js';
import { AppointmentStatusTag, HandoverStatusTag } from '../shared/HandoverTags.js';
import { shiftDate, todayText, weekdayText } from '../shared/handoverText.js';
import { openInspection, startInspection } from '../shared/inspections.js';
import { ProjectGate } from '../shared/ProjectGate.js';
import '../shared/handover.css';

type Filter = 'all' | AppointmentStatus;

/** A key belongs to the field that has focus (and Enter to a focused button), not to the list. */
function keyTakenByFocus(key: string): boolean {
  const el = document.activeElement as HTMLElement | null;
  if (!el) return false;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable) return true;
  return key === 'Enter' && ['BUTTON', 'A'].includes(el.tagName);
}

function matches(row: DayListRow, text: string): boolean {
  if (!text) return true;
  const q = text.toLowerCase().replace(/\s+/g, '');
  const hay = [row.customer.name, ...row.customer.phones, row.room.place, row.room.code, row.room.name, row.batchName]
    .join('|')
    .toLowerCase()
    .replace(/\s+/g, '');
  return hay.includes(q);
}

const PAST: readonly AppointmentStatus[] = ['rescheduled', 'cancelled'];
const isPast = (row: DayListRow) => PAST.includes(row.status);
const received = (row: DayListRow) => row.handoverStatus === 'accepted' || row.handoverStatus === 'acceptedWithDefects';

/** What the inspection button of a row does, if it has one. */
function inspectionAction(row: DayListRow): 'view' | 'continue' | 'start' | 'again' | null {
  if (received(row)) return row.inspectionId ? 'view' : null;
  if (isPast(row)) return null;
  if (row.handoverStatus === 'refused') return 'again';
  return row.inspectionId ? 'continue' : 'start';
}

export function HandoverDayPage() {
  return <ProjectGate testId="day">{() => <DayDesk />}</ProjectGate>;
}

function DayDesk() {
  const t = useT();
  const lang = useLang();
  const focus = useNavigation((s) => s.focus);
  const [date, setDate] = useState(todayText);
  const [rows, setRows] = useState<DayListRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reschedule, setReschedule] = useState<RescheduleTarget | null>(null);
  const [drawerId, setDrawerId] = useState<string | null>(focus.handoverId ?? null);
  const [version, setVersion] = useState(0);
  const searchRef = useRef<InputRef>(null);
  const ticket = useRef(0);

  const load = useCallback(async (day: string) => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const result = await api.call('appointment.day', { date: day });
      if (mine !== ticket.current) return;
      setRows(result);
    } catch (error) {
      if (mine === ticket.current) notifyError(error);
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(date);
  }, [date, load]);

  const reload = useCallback(() => {
    setVersion((n) => n + 1);
    void load(date);
  }, [date, load]);

  const shown = useMemo(() => {
    const list = rows.filter((r) => (filter === 'all' ? true : r.status === filter)).filter((r) => matches(r, text.trim()));
    return [...list].sort(
      (a, b) =>
        a.slot.localeCompare(b.slot) ||
        Number(isPast(a)) - Number(isPast(b)) ||
        a.room.place.localeCompare(b.room.place, 'zh-CN', { numeric: true }),
    );
  }, [rows, filter, text]);

  // The active row stays on a shown row.
  const activeIndex = shown.findIndex((r) => r.appointmentId === activeId);
  const active = activeIndex >= 0 ? shown[activeIndex] : undefined;

  useEffect(() => {
    if (!activeId) return;
    document.querySelector(`.ho-day-table tr[data-row-key="${activeId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const counts = useMemo(() => {
    const live = rows.filter((r) => !isPast(r));
    return {
      booked: live.length,
      arrived: live.filter((r) => r.status === 'arrived').length,
      waiting: live.filter((r) => r.status === 'booked').length,
      noShow: live.filter((r) => r.status === 'noShow').length,
      received: live.filter(received).length,
    };
  }, [rows]);

  const setStatus = async (row: DayListRow, status: 'arrived' | 'noShow') => {
    setBusy(row.appointmentId);
    try {
      await api.call('appointment.setStatus', { id: row.appointmentId, status });
      notifySuccess(t(status === 'arrived' ? 'ho.day.arrivedDone' : 'ho.day.noShowDone', { name: row.customer.name }));
      reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const inspect = async (row: DayListRow) => {
    const action = inspectionAction(row);
    if (!action) return;
    if (action === 'view') {
      if (row.inspectionId) openInspection(row.inspectionId);
      return;
    }
    setBusy(row.appointmentId);
    try {
      // Starting the walk means the buyer is here.
      if (row.status === 'booked' || row.status === 'noShow') {
        await api.call('appointment.setStatus', { id: row.appointmentId, status: 'arrived' });
      }
      await startInspection({
        resourceId: row.room.id,
        kind: 'owner',
        handoverId: row.handoverId,
        customerId: row.customer.id,
      });
    } catch (error) {
      notifyError(error);
      void load(date);
    } finally {
      setBusy(null);
    }
  };

  const openReschedule = (row: DayListRow) =>
    setReschedule({
      appointmentId: row.appointmentId,
      place: row.room.place,
      customerName: row.customer.name,
      date: row.date,
      slot: row.slot,
    });

  const canArrive = (row: DayListRow) => row.status === 'booked' || row.status === 'noShow';
  const canNoShow = (row: DayListRow) => row.status === 'booked';
  const canReschedule = (row: DayListRow) => (row.status === 'booked' || row.status === 'noShow') && !received(row);

  const move = (delta: number) => {
    if (shown.length === 0) return;
    const next =
      activeIndex < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, activeIndex + delta));
    setActiveId(shown[next]?.appointmentId ?? null);
  };

  const dialogsOpen = reschedule !== null || drawerId !== null;
  const onActive = (run: (row: DayListRow) => void) => () => {
    if (active && busy === null) run(active);
  };
  useShortcuts(
    [
      { key: 'a', alt: true, run: onActive((row) => canArrive(row) && void setStatus(row, 'arrived')) },
      { key: 'x', alt: true, run: onActive((row) => canNoShow(row) && void setStatus(row, 'noShow')) },
      { key: 'r', alt: true, run: onActive((row) => canReschedule(row) && openReschedule(row)) },
      { key: 'i', alt: true, run: onActive((row) => void inspect(row)) },
      { key: 'F5', run: reload },
    ],
    !dialogsOpen,
  );

  // Plain keys act on the list only while no field has the keyboard, so they still type and move the caret there.
  const plainKeys = useRef<(event: KeyboardEvent) => void>(() => undefined);
  plainKeys.current = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || keyTakenByFocus(event.key)) return;
    const run: Record<string, () => void> = {
      '/': () => searchRef.current?.focus(),
      ArrowLeft: () => setDate((d) => shiftDate(d, -1)),
      ArrowRight: () => setDate((d) => shiftDate(d, 1)),
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Enter: onActive((row) => setDrawerId(row.handoverId)),
    };
    const hit = run[event.key];
    if (!hit) return;
    event.preventDefault();
    // On this screen / is the day's search, not the header's omni search (Ctrl+K still opens that).
    if (event.key === '/') event.stopImmediatePropagation();
    hit();
  };
  useEffect(() => {
    if (dialogsOpen) return undefined;
    const onKeyDown = (event: KeyboardEvent) => plainKeys.current(event);
    // Capture: ahead of the header's window listener, which also answers /.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [dialogsOpen]);

  // Rows of one slot share its cell.
  const slotSpans = useMemo(() => {
    const spans = new Map<string, number>();
    let i = 0;
    while (i < shown.length) {
      let j = i;
      while (j < shown.length && shown[j]?.slot === shown[i]?.slot) j += 1;
      shown.slice(i, j).forEach((r, k) => spans.set(r.appointmentId, k === 0 ? j - i : 0));
      i = j;
    }
    return spans;
  }, [shown]);

  const inspectLabel = (row: DayListRow) => {
    switch (inspectionAction(row)) {
      case 'view':
        return t('ho.day.viewInspection');
      case 'continue':
        return t('ho.day.continueInspection');
      case 'again':
        return t('ho.day.inspectAgain');
      default:
        return t('ho.day.startInspection');
    }
  };

  const columns: ColumnsType<DayListRow> = [
    {
      title: t('ho.col.slot'),
      dataIndex: 'slot',
      width: 112,
      onCell: (row) => ({ rowSpan: slotSpans.get(row.appointmentId) ?? 1, className: 'ho-slot-cell' }),
      render: (slot: string) => <strong>{slot}</strong>,
    },
    {
      title: t('ho.col.customer'),
      key: 'customer',
      width: 110,
      ellipsis: true,
      render: (_: unknown, r) => <span data-testid="day-customer">{r.customer.name}</span>,
    },
    {
      title: t('ho.col.phone'),
      key: 'phone',
      width: 130,
      render: (_: unknown, r) => (r.customer.phones[0] ? phoneDisplay(r.customer.phones[0]) : ''),
    },
    {
      title: t('ho.col.room'),
      key: 'room',
      ellipsis: true,
      render: (_: unknown, r) => (
        <Tooltip title={[r.room.houseType, areaText(r.room.buildArea)].filter(Boolean).join('　')}>
          <span data-testid="day-room">{r.room.place}</span>
        </Tooltip>
      ),
    },
    { title: t('ho.col.batch'), dataIndex: 'batchName', width: lang === 'zh' ? 130 : 110, ellipsis: true },
    {
      title: t('ho.col.appointment'),
      dataIndex: 'status',
      width: 90,
      render: (s: AppointmentStatus) => <AppointmentStatusTag status={s} />,
    },
    {
      title: t('ho.col.handoverStatus'),
      dataIndex: 'handoverStatus',
      width: lang === 'zh' ? 100 : 150,
      render: (_: unknown, r) => <HandoverStatusTag status={r.handoverStatus} />,
    },
    {
      title: t('ho.col.actions'),
      key: 'actions',
      width: lang === 'zh' ? 300 : 360,
      render: (_: unknown, r) => {
        const action = inspectionAction(r);
        const rowBusy = busy === r.appointmentId;
        return (
          <Space size={2} onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
            {action && (
              <Button
                size="small"
                type={action === 'view' ? 'link' : 'primary'}
                ghost={action === 'continue'}
                icon={<FormOutlined />}
                loading={rowBusy}
                disabled={busy !== null && !rowBusy}
                onClick={() => void inspect(r)}
                data-testid={
                  action === 'continue'
                    ? 'day-continue-inspection'
                    : action === 'view'
                      ? 'day-view-inspection'
                      : 'day-start-inspection'
                }
              >
                {inspectLabel(r)}
              </Button>
            )}
            {canArrive(r) && (
              <Button
                size="small"
                type="link"
                disabled={busy !== null}
                onClick={() => void setStatus(r, 'arrived')}
                data-testid="day-arrived"
              >
                {t('ho.day.arrived')}
              </Button>
            )}
            {canNoShow(r) && (
              <Button
                size="small"
                type="link"
                danger
                disabled={busy !== null}
                onClick={() => void setStatus(r, 'noShow')}
                data-testid="day-noshow"
              >
                {t('ho.day.noShow')}
              </Button>
            )}
            {canReschedule(r) && (
              <Button
                size="small"
                type="link"
                disabled={busy !== null}
                onClick={() => openReschedule(r)}
                data-testid="day-reschedule"
              >
                {t('ho.day.reschedule')}
              </Button>
            )}
            <Tooltip title={`${t('common.view')}（Enter）`}>
              <Button
                size="small"
                type="text"
                icon={<EyeOutlined />}
                aria-label={t('common.view')}
                onClick={() => setDrawerId(r.handoverId)}
                data-testid="day-view"
              />
            </Tooltip>
          </Space>
        );
      },
    },
  ];

  const isToday = date === todayText();

  return (
    <Card
      size="small"
      className="full-card"
      title={
        <Space size={8}>
          <span>{t('menu.handoverDay')}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="day-title-date">
            {date} {weekdayText(lang, date)}
            {isToday ? `（${t('ho.day.today')}）` : ''}
          </Typography.Text>
        </Space>
      }
      extra={
        <span className="ho-hint">
          <span>
            <kbd className="ho-kbd">/</kbd> {t('ho.day.hintSearch')}
          </span>
          <span>
            <kbd className="ho-kbd">←</kbd>
            <kbd className="ho-kbd">→</kbd> {t('ho.day.hintDay')}
          </span>
          <span>
            <kbd className="ho-kbd">↑</kbd>
            <kbd className="ho-kbd">↓</kbd> {t('ho.day.hintRow')}
          </span>
          <span>
            <kbd className="ho-kbd">Enter</kbd> {t('common.view')}
          </span>
          <span>
            <kbd className="ho-kbd">Alt+I</kbd> {t('ho.day.hintInspect')}
          </span>
        </span>
      }
      data-testid="day-page"
    >
      <div className="ho-toolbar-row">
        <Space wrap size={8} className="query-bar">
          <Space.Compact>
            <Tooltip title={t('ho.day.prev')}>
              <Button icon={<LeftOutlined />} onClick={() => setDate((d) => shiftDate(d, -1))} data-testid="day-prev" />
            </Tooltip>
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
              style={{ width: 140 }}
              data-testid="day-date"
            />
            <Tooltip title={t('ho.day.next')}>
              <Button icon={<RightOutlined />} onClick={() => setDate((d) => shiftDate(d, 1))} data-testid="day-next" />
            </Tooltip>
          </Space.Compact>
          <Button disabled={isToday} onClick={() => setDate(todayText())} data-testid="day-today">
            {t('ho.day.today')}
          </Button>
          <Input
            ref={searchRef}
            allowClear
            prefix={<SearchOutlined />}
            style={{ width: 280 }}
            placeholder={t('ho.day.searchPlaceholder')}
            value={text}
            maxLength={50}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setText('');
                e.currentTarget.blur();
              }
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                e.currentTarget.blur();
                setActiveId(shown[0]?.appointmentId ?? null);
              }
            }}
            onPressEnter={() => {
              const first = active ?? shown[0];
              if (first) {
                setActiveId(first.appointmentId);
                setDrawerId(first.handoverId);
              }
            }}
            data-testid="day-search"
          />
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'booked', label: t('ho.day.filterWaiting') },
              { value: 'arrived', label: t('ho.day.filterArrived') },
              { value: 'noShow', label: t('ho.day.filterNoShow') },
              { value: 'rescheduled', label: t('ho.day.filterRescheduled') },
            ]}
            data-testid="day-filter"
          />
          <Tooltip title="F5">
            <Button icon={<ReloadOutlined />} onClick={reload} data-testid="day-refresh">
              {t('ho.refresh')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      <div className="ho-stats" data-testid="day-stats">
        <Statistic title={t('ho.day.statBooked')} value={counts.booked} />
        <Statistic title={t('ho.day.statWaiting')} value={counts.waiting} />
        <Statistic title={t('ho.day.statArrived')} value={counts.arrived} styles={{ content: { color: '#389e0d' } }} />
        <Statistic
          title={t('ho.day.statNoShow')}
          value={counts.noShow}
          styles={{ content: { color: counts.noShow ? '#cf1322' : undefined } }}
        />
        <Statistic title={t('ho.day.statReceived')} value={counts.received} />
      </div>
      <Table<DayListRow>
        className="main-table ho-table ho-day-table"
        rowKey="appointmentId"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={false}
        scroll={{ y: 'calc(100vh - 330px)' }}
        locale={{ emptyText: rows.length === 0 ? t('ho.day.empty', { date }) : t('common.empty') }}
        rowClassName={(r) => [r.appointmentId === activeId ? 'ho-row-active' : '', isPast(r) ? 'ho-row-past' : ''].join(' ')}
        onRow={(r, index) =>
          ({
            'data-testid': `day-row-${index ?? 0}`,
            'data-status': r.status,
            onClick: () => setActiveId(r.appointmentId),
            onDoubleClick: () => setDrawerId(r.handoverId),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="day-table"
      />

      {reschedule && (
        <RescheduleModal
          target={reschedule}
          onClose={() => setReschedule(null)}
          onSaved={() => {
            setReschedule(null);
            reload();
          }}
        />
      )}
      <HandoverDrawer
        handoverId={drawerId}
        onClose={() => setDrawerId(null)}
        onChanged={() => void load(date)}
        version={version}
      />
    </Card>
  );
}
