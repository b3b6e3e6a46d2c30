// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import type { InspectionItem } from '../../../../../shared/domain/handover.js';

const call = vi.fn();
vi.mock('../../../api/client.js', async () => {
  const shared = await import('../../../../../shared/api/client.js');
  return { api: { call: (...args: unknown[]) => call(...args) }, ApiCallError: shared.ApiCallError };
});

const { ApiCallError } = await import('../../../../../shared/api/client.js');
const { registerMessage } = await import('../../../components/feedback.js');
const { useInspection } = await import('./inspectionStore.js');

const audit = { projectId: null, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '', deletedAt: null };

function item(seq: number, area: string, result: InspectionItem['result'] = null): InspectionItem {
  return { ...audit, id: `item-${seq}`, inspectionId: 'insp-1', area, name: `检查项${seq}`, seq, result, remark: '' };
}

function view(items: InspectionItem[]): InspectionView {
  return {
    inspection: { ...audit, id: 'insp-1', status: 'open', kind: 'owner' } as InspectionView['inspection'],
    room: {} as InspectionView['room'],
    customer: null,
    handover: null,
    template: { id: 't', name: '标准', version: 1, houseType: '', floorPlan: null },
    items,
    defects: [],
    carriedDefects: [],
    meters: [],
    handed: [],
    signatures: { owner: null, staff: null },
    reports: [],
    unchecked: items.filter((i) => i.result === null).length,
    inspectorName: '验房员',
  };
}

const ITEMS = [item(1, '入户门', 'pass'), item(2, '入户门'), item(3, '客厅'), item(4, '客厅')];
const messages = { error: vi.fn(), success: vi.fn(), warning: vi.fn() };

/** A promise the test settles when it wants: a save still under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const itemOf = (id: string) => useInspection.getState().view!.items.find((i) => i.id === id)!;
const savedItem = (id: string, result: InspectionItem['result']) => ({ ...ITEMS.find((i) => i.id === id)!, result });

beforeEach(async () => {
  call.mockReset();
  Object.values(messages).forEach((m) => m.mockReset());
  registerMessage(messages as never);
  call.mockImplementation((name: string) => {
    if (name === 'inspection.view') return Promise.resolve(view(ITEMS.map((i) => ({ ...i }))));
    throw new Error(`unexpected ${name}`);
  });
  useInspection.setState({ view: null });
  await useInspection.getState().open('insp-1');
});

describe('inspection screen store', () => {
  it('opens at the first unchecked item', () => {
    const s = useInspection.getState();
    expect(s.cursor).toBe('item-2');
    expect(s.area).toBe('入户门');
  });

  it('shows a tap at once, before the host has answered, and keeps the host’s answer', async () => {
    const save = deferred<InspectionItem>();
    call.mockImplementation(() => save.promise);
    const done = useInspection.getState().setResult('item-2', 'pass');
    expect(itemOf('item-2').result).toBe('pass');
    expect(call).toHaveBeenCalledWith('inspection.setItem', { id: 'item-2', result: 'pass' });
    save.resolve({ ...savedItem('item-2', 'pass'), updatedAt: 'later' });
    await expect(done).resolves.toBe(true);
    expect(itemOf('item-2').updatedAt).toBe('later');
  });

  it('puts a failed tap back and says why, in Chinese', async () => {
    call.mockRejectedValue(new ApiCallError({ code: 'INSPECTION_LOCKED', message: '该验房已完成，内容已锁定' }));
    await expect(useInspection.getState().setResult('item-3', 'fail')).resolves.toBe(false);
    expect(itemOf('item-3').result).toBeNull();
    expect(useInspection.getState().rolledBack).toMatchObject({ itemId: 'item-3', label: '客厅 · 检查项3' });
    expect(messages.error).toHaveBeenCalledWith('该验房已完成，内容已锁定');
  });

  it('lets the latest of quick taps win: an earlier one failing later undoes nothing', async () => {
    const first = deferred<InspectionItem>();
    const second = deferred<InspectionItem>();
    call.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const a = useInspection.getState().setResult('item-2', 'fail');
    const b = useInspection.getState().setResult('item-2', 'na');
    second.resolve(savedItem('item-2', 'na'));
    await b;
    first.reject(new ApiCallError({ code: 'INTERNAL', message: '内部错误' }));
    await a;
    expect(itemOf('item-2').result).toBe('na');
    expect(useInspection.getState().rolledBack).toBeNull();
  });

  it('rolls a failed latest tap back to what was last saved, not to the screen’s guess', async () => {
    const first = deferred<InspectionItem>();
    const second = deferred<InspectionItem>();
    call.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const a = useInspection.getState().setResult('item-2', 'fail');
    const b = useInspection.getState().setResult('item-2', 'na');
    first.resolve(savedItem('item-2', 'fail'));
    await a;
    second.reject(new ApiCallError({ code: 'INTERNAL', message: '内部错误' }));
    await b;
    expect(itemOf('item-2').result).toBe('fail');
  });

  it('keys: 1 passes and moves on, across into the next area', async () => {
    call.mockImplementation((_name: string, input: { id: string; result: InspectionItem['result'] }) =>
      Promise.resolve(savedItem(input.id, input.result)),
    );
    useInspection.getState().runKey({ kind: 'result', result: 'pass' });
    expect(itemOf('item-2').result).toBe('pass');
    expect(useInspection.getState().cursor).toBe('item-3');
    expect(useInspection.getState().area).toBe('客厅');
    expect(useInspection.getState().defectForm).toBeNull();
  });

  it('keys: 2 fails, moves on and opens the defect form for the failed item', () => {
    call.mockImplementation((_name: string, input: { id: string; result: InspectionItem['result'] }) =>
      Promise.resolve(savedItem(input.id, input.result)),
    );
    useInspection.getState().select('item-3');
    useInspection.getState().runKey({ kind: 'result', result: 'fail' });
    expect(itemOf('item-3').result).toBe('fail');
    expect(useInspection.getState().cursor).toBe('item-4');
    expect(useInspection.getState().defectForm).toEqual({ defectId: null, itemId: 'item-3', area: '客厅' });
  });

  it('keys: Enter opens the defect form only on a failed item', () => {
    useInspection.getState().select('item-1');
    useInspection.getState().runKey({ kind: 'defect' });
    expect(useInspection.getState().defectForm).toBeNull();
    useInspection.setState({ view: view(ITEMS.map((i) => (i.id === 'item-1' ? { ...i, result: 'fail' } : i))) });
    useInspection.getState().runKey({ kind: 'defect' });
    expect(useInspection.getState().defectForm).toEqual({ defectId: null, itemId: 'item-1', area: '入户门' });
  });

  it('keys: arrows move and change area', () => {
    const { runKey } = useInspection.getState();
    runKey({ kind: 'move', delta: -1 });
    expect(useInspection.getState().cursor).toBe('item-1');
    runKey({ kind: 'area', delta: 1 });
    expect(useInspection.getState()).toMatchObject({ area: '客厅', cursor: 'item-3' });
    runKey({ kind: 'move', delta: 1 });
    runKey({ kind: 'move', delta: 1 });
    expect(useInspection.getState().cursor).toBe('item-4');
  });

  it('keys: A passes the rest of the area at once and goes on to the next area', async () => {
    const answered = deferred<{ changed: number }>();
    call.mockImplementation((name: string) => {
      if (name === 'inspection.passRemaining') return answered.promise;
      return Promise.resolve(view(ITEMS.map((i) => (i.area === '入户门' ? { ...i, result: 'pass' } : i))));
    });
    useInspection.getState().runKey({ kind: 'passRemaining' });
    expect(itemOf('item-2').result).toBe('pass');
    expect(useInspection.getState()).toMatchObject({ area: '客厅', cursor: 'item-3' });
    expect(call).toHaveBeenCalledWith('inspection.passRemaining', { inspectionId: 'insp-1', area: '入户门' });
    answered.resolve({ changed: 1 });
    await vi.waitFor(() => expect(call).toHaveBeenCalledTimes(2));
    // What the host changed is what the screen showed: no need to read the view again.
    expect(call.mock.calls.map((c) => c[0])).toEqual(['inspection.view', 'inspection.passRemaining']);
  });

  it('puts 其余合格 back when the host refuses it', async () => {
    call.mockImplementation((name: string) =>
      name === 'inspection.passRemaining'
        ? Promise.reject(new ApiCallError({ code: 'INSPECTION_LOCKED', message: '该验房已完成，内容已锁定' }))
        : Promise.resolve(view(ITEMS)),
    );
    await useInspection.getState().passRemaining('客厅');
    expect(itemOf('item-3').result).toBeNull();
    expect(itemOf('item-4').result).toBeNull();
    expect(messages.error).toHaveBeenCalledWith('该验房已完成，内容已锁定');
  });

  it('keeps taps still under way when the view is read again', async () => {
    const save = deferred<InspectionItem>();
    call.mockImplementation((name: string) => (name === 'inspection.setItem' ? save.promise : Promise.resolve(view(ITEMS))));
    void useInspection.getState().setResult('item-4', 'na');
    await useInspection.getState().reload();
    expect(itemOf('item-4').result).toBe('na');
    save.resolve(savedItem('item-4', 'na'));
  });

  it('does nothing on a completed (locked) inspection', () => {
    const locked = view(ITEMS);
    locked.inspection = { ...locked.inspection, status: 'completed' };
    useInspection.setState({ view: locked, cursor: 'item-2' });
    call.mockClear();
    useInspection.getState().runKey({ kind: 'result', result: 'pass' });
    useInspection.getState().runKey({ kind: 'passRemaining' });
    expect(call).not.toHaveBeenCalled();
    expect(itemOf('item-2').result).toBeNull();
  });
});
