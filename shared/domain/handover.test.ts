import { describe, expect, it } from 'vitest';
import {
  buyersSchema,
  completeInput,
  completionProblems,
  DEFECT_ACTIONS,
  DEFECT_OVERDUE_DAYS,
  DEFECT_STATUSES,
  defectAge,
  defectTransition,
  slotSchema,
  templateAreasSchema,
  type DefectStatus,
} from './handover.js';
import { STANDARD_TEMPLATE, templateItemCount } from './handover-template.js';

const base = {
  kind: 'owner' as const,
  status: 'open' as const,
  outcome: 'accepted' as const,
  refusalReason: '',
  unchecked: 0,
  openDefects: 0,
  ownerSigned: true,
  staffSigned: true,
  handoverStatus: 'waiting' as const,
};

describe('completionProblems', () => {
  it('accepts a checked, signed room without open defects', () => {
    expect(completionProblems(base)).toEqual([]);
    expect(completionProblems({ ...base, outcome: 'acceptedWithDefects', openDefects: 3 })).toEqual([]);
  });

  it('refuses acceptance without both signatures', () => {
    expect(completionProblems({ ...base, ownerSigned: false })).toEqual(['收楼需要业主和工作人员双方签字']);
    expect(completionProblems({ ...base, staffSigned: false })).toEqual(['收楼需要业主和工作人员双方签字']);
    expect(completionProblems({ ...base, outcome: 'acceptedWithDefects', ownerSigned: false, staffSigned: false })).toEqual([
      '收楼需要业主和工作人员双方签字',
    ]);
  });

  it('refuses 收楼 with open defects (带缺陷收楼 is the way), unchecked items, no outcome', () => {
    expect(completionProblems({ ...base, openDefects: 2 })).toEqual(['还有 2 个未关闭的缺陷，请选择“带缺陷收楼”']);
    expect(completionProblems({ ...base, unchecked: 5 })).toEqual(['还有 5 个检查项未检查']);
    expect(completionProblems({ ...base, outcome: null })).toEqual(['请选择验房结论：收楼、带缺陷收楼或拒收']);
  });

  it('lets a refused room be accepted later, never a received one again', () => {
    expect(completionProblems({ ...base, handoverStatus: 'refused' })).toEqual([]);
    expect(completionProblems({ ...base, handoverStatus: 'accepted' })).toEqual(['该房间已办理收楼，不能再次收楼']);
    expect(
      completionProblems({ ...base, handoverStatus: 'acceptedWithDefects', outcome: 'refused', refusalReason: 'x' }),
    ).toEqual(['该房间已办理收楼，不能再次收楼']);
  });

  it('needs a reason and the staff signature for a refusal, not the owner’s', () => {
    expect(completionProblems({ ...base, outcome: 'refused', ownerSigned: false, refusalReason: '渗漏' })).toEqual([]);
    expect(completionProblems({ ...base, outcome: 'refused', refusalReason: '', staffSigned: false })).toEqual([
      '拒收时请填写拒收原因',
      '请工作人员签字',
    ]);
  });

  it('has no outcome for a pre-inspection, and needs the staff signature', () => {
    const pre = { ...base, kind: 'pre' as const, outcome: null, ownerSigned: false, handoverStatus: null };
    expect(completionProblems(pre)).toEqual([]);
    expect(completionProblems({ ...pre, outcome: 'accepted' })).toEqual(['模拟验房没有收楼结论']);
    expect(completionProblems({ ...pre, staffSigned: false, unchecked: 1 })).toEqual(['还有 1 个检查项未检查', '请工作人员签字']);
    // Open defects do not stop a pre-inspection: it exists to find them.
    expect(completionProblems({ ...pre, openDefects: 9 })).toEqual([]);
  });

  it('never completes an inspection twice', () => {
    expect(completionProblems({ ...base, status: 'completed' })).toEqual(['该验房已完成，不能再次提交']);
  });

  it('is backed by the input schema: a refusal needs its reason', () => {
    const refused = completeInput.safeParse({
      inspectionId: '01a23400-0000-7000-8000-000000000000',
      outcome: 'refused',
      outcomeOn: '2026-12-01',
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('拒收时请填写拒收原因');
  });
});

describe('defectTransition', () => {
  const all = DEFECT_STATUSES.map((s) => s.code);

  it('runs the loop 待整改 → 整改中 → 待复验 → 已关闭, with 复验不通过 back to 待整改', () => {
    expect(defectTransition('open', 'start')).toEqual({ to: 'rectifying' });
    expect(defectTransition('rectifying', 'submit')).toEqual({ to: 'awaitingReinspection' });
    expect(defectTransition('open', 'submit')).toEqual({ to: 'awaitingReinspection' });
    expect(defectTransition('awaitingReinspection', 'pass')).toEqual({ to: 'closed' });
    expect(defectTransition('awaitingReinspection', 'fail')).toEqual({ to: 'open' });
    expect(defectTransition('closed', 'reopen')).toEqual({ to: 'open' });
  });

  it('refuses every other move in Chinese', () => {
    const allowed = new Set(DEFECT_ACTIONS.flatMap((a) => (a.from as readonly DefectStatus[]).map((f) => `${f}:${a.code}`)));
    for (const from of all) {
      for (const action of DEFECT_ACTIONS.map((a) => a.code)) {
        const result = defectTransition(from, action);
        if (allowed.has(`${from}:${action}`)) expect(result).toHaveProperty('to');
        else expect(result).toHaveProperty('problem');
      }
    }
    expect(defectTransition('closed', 'start')).toEqual({ problem: '缺陷当前为“已关闭”，不能开始整改' });
    expect(defectTransition('open', 'pass')).toEqual({ problem: '缺陷当前为“待整改”，不能复验通过' });
    expect(defectTransition('open', 'nonsense' as never)).toEqual({ problem: '不支持的整改操作' });
  });
});

describe('defectAge', () => {
  const defect = (createdAt: string, extra: Partial<Parameters<typeof defectAge>[0]> = {}) => ({
    createdAt,
    dueDate: null,
    status: 'open' as DefectStatus,
    closedAt: null,
    ...extra,
  });

  it('counts whole days since found and flags 超期 past the due date or after too long open', () => {
    expect(defectAge(defect('2026-12-01T09:00:00.000Z'), '2026-12-01')).toEqual({ days: 0, overdue: false });
    expect(defectAge(defect('2026-11-16T23:00:00.000Z'), '2026-12-01')).toEqual({ days: DEFECT_OVERDUE_DAYS, overdue: false });
    expect(defectAge(defect('2026-11-15T09:00:00.000Z'), '2026-12-01')).toEqual({ days: 16, overdue: true });
    expect(defectAge(defect('2026-11-28T09:00:00.000Z', { dueDate: '2026-11-30' }), '2026-12-01')).toEqual({
      days: 3,
      overdue: true,
    });
    expect(defectAge(defect('2026-11-28T09:00:00.000Z', { dueDate: '2026-12-01' }), '2026-12-01')).toEqual({
      days: 3,
      overdue: false,
    });
  });

  it('stops counting when closed, and a closed defect is never 超期', () => {
    const closed = defect('2026-10-01T09:00:00.000Z', {
      status: 'closed',
      closedAt: '2026-10-05T10:00:00.000Z',
      dueDate: '2026-10-02',
    });
    expect(defectAge(closed, '2026-12-01')).toEqual({ days: 4, overdue: false });
  });

  it('never goes below zero (a clock set back)', () => {
    expect(defectAge(defect('2026-12-05T09:00:00.000Z'), '2026-12-01').days).toBe(0);
  });
});

describe('buyersSchema', () => {
  const id = (n: number) => `01a23400-0000-7000-8000-00000000000${n}`;

  it('takes one owner with co-owners, shares optional', () => {
    const parsed = buyersSchema.parse([
      { customerId: id(1), role: 'owner', share: 60 },
      { customerId: id(2), role: 'coOwner', share: 40 },
    ]);
    expect(parsed).toHaveLength(2);
    expect(buyersSchema.parse([{ customerId: id(1), role: 'owner' }])).toEqual([
      { customerId: id(1), role: 'owner', share: null },
    ]);
    expect(buyersSchema.parse([])).toEqual([]);
  });

  it('refuses two owners, co-owners alone, the same customer twice, bad shares', () => {
    const message = (value: unknown) => buyersSchema.safeParse(value).error?.issues[0]?.message;
    expect(
      message([
        { customerId: id(1), role: 'owner' },
        { customerId: id(2), role: 'owner' },
      ]),
    ).toBe('购房人中只能有一位业主（其余为共有人）');
    expect(message([{ customerId: id(1), role: 'coOwner' }])).toBe('请指定一位业主');
    expect(
      message([
        { customerId: id(1), role: 'owner' },
        { customerId: id(1), role: 'coOwner' },
      ]),
    ).toBe('同一客户不能重复登记为购房人');
    expect(message([{ customerId: id(1), role: 'owner', share: 0 }])).toBe('份额必须大于0');
    expect(message([{ customerId: id(1), role: 'owner', share: 120 }])).toBe('份额不能超过100%');
    expect(message([{ customerId: id(1), role: 'tenant' }])).toBe('请选择业主或共有人');
    expect(message(Array.from({ length: 11 }, (_, i) => ({ customerId: id(i % 10), role: i === 0 ? 'owner' : 'coOwner' })))).toBe(
      '购房人最多10位',
    );
  });
});

describe('templateAreasSchema', () => {
  const area = (name: string, items: string[]) => ({ name, items: items.map((n) => ({ name: n })) });

  it('takes areas of check items, names tidied', () => {
    const parsed = templateAreasSchema.parse([area(' 客厅 ', ['墙面', '地面']), area('厨房', ['燃气'])]);
    expect(parsed.map((a) => a.name)).toEqual(['客厅', '厨房']);
  });

  it('refuses empty templates and areas, duplicates, and names too long', () => {
    const message = (value: unknown) => templateAreasSchema.safeParse(value).error?.issues[0]?.message;
    expect(message([])).toBe('模板至少要有一个区域');
    expect(message([area('客厅', [])])).toBe('每个区域至少要有一个检查项');
    expect(message([area('客厅', ['墙面']), area('客厅', ['地面'])])).toBe('区域名称不能重复');
    expect(message([area('客厅', ['墙面', '墙面'])])).toBe('同一区域内检查项不能重复');
    expect(message([area('客'.repeat(21), ['墙面'])])).toBe('区域名称不能超过20个字');
    expect(message([area('客厅', ['墙'.repeat(31)])])).toBe('检查项名称不能超过30个字');
    expect(message([area('客厅', [''])])).toBe('检查项名称不能为空');
    expect(message(Array.from({ length: 31 }, (_, i) => area(`区域${i}`, ['墙面'])))).toBe('模板最多30个区域');
  });

  it('passes the standard residential template', () => {
    expect(templateAreasSchema.safeParse(STANDARD_TEMPLATE.areas).success).toBe(true);
    expect(templateItemCount(STANDARD_TEMPLATE.areas)).toBe(65);
  });
});

describe('slotSchema', () => {
  it('takes "09:00-10:00" and refuses backwards or malformed slots', () => {
    expect(slotSchema.parse('09:00-10:00')).toBe('09:00-10:00');
    expect(slotSchema.safeParse('10:00-09:00').error?.issues[0]?.message).toBe('时段的结束时间应晚于开始时间');
    expect(slotSchema.safeParse('9:00-10:00').error?.issues[0]?.message).toBe('时段格式应为 09:00-10:00');
  });
});
