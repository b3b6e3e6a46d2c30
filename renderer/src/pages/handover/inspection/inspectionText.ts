import { HANDED_KINDS } from '../../../../../shared/domain/handover.js';
import { localName, type Lang } from '../../../i18n/index.js';

type Vocabulary = readonly { code: string; zh: string; en: string }[];

function nameOf(lang: Lang, list: Vocabulary, code: string | null | undefined): string {
  const entry = list.find((x) => x.code === code);
  return entry ? localName(lang, entry) : (code ?? '');
}

export const handedKindName = (lang: Lang, code: string) => nameOf(lang, HANDED_KINDS, code);

/**
 * completionProblems (shared) speaks Chinese; English mode shows these, the Chinese text
 * for anything not known here.
 */
const PROBLEMS_EN: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^该验房已完成，不能再次提交$/, () => 'This inspection is already completed'],
  [/^还有 (\d+) 个检查项未检查$/, (m) => `${m[1]} check item(s) are not checked yet`],
  [/^模拟验房没有收楼结论$/, () => 'A pre-inspection has no outcome'],
  [/^请工作人员签字$/, () => 'The staff member has to sign'],
  [/^请选择验房结论：收楼、带缺陷收楼或拒收$/, () => 'Choose the outcome: accepted, accepted with defects or refused'],
  [/^该房间已办理收楼，不能再次收楼$/, () => 'This room has already been accepted'],
  [/^拒收时请填写拒收原因$/, () => 'Enter the reason for refusing'],
  [/^收楼需要业主和工作人员双方签字$/, () => 'Acceptance needs the signatures of both the owner and the staff member'],
  [
    /^还有 (\d+) 个未关闭的缺陷，请选择“带缺陷收楼”$/,
    (m) => `${m[1]} defect(s) are still open: choose “Accepted with open defects”`,
  ],
];

export function problemText(lang: Lang, problem: string): string {
  if (lang === 'zh') return problem;
  for (const [pattern, render] of PROBLEMS_EN) {
    const match = problem.match(pattern);
    if (match) return render(match);
  }
  return problem;
}
