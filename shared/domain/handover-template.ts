import type { TemplateArea } from './handover.js';

/**
 * The standard residential inspection template (标准住宅验房模板): the areas and check items a
 * handover inspector walks in a finished flat (精装交付), in the order of the walk, from the
 * entrance door to the meters. New projects start from it (the demo data publishes it for each
 * project), and a project's own templates per 户型 are usually edited copies of it.
 */
export const STANDARD_TEMPLATE_NAME = '标准住宅验房模板';

export const STANDARD_TEMPLATE_AREAS: readonly TemplateArea[] = [
  {
    name: '入户门',
    items: ['门框门扇', '门锁及钥匙', '猫眼门铃', '门槛石', '防火密封条', '可视对讲'].map((name) => ({ name })),
  },
  {
    name: '客厅',
    items: ['墙面', '地面', '顶棚', '门窗', '踢脚线', '开关插座', '灯具', '空调预留'].map((name) => ({ name })),
  },
  {
    name: '餐厅',
    items: ['墙面', '地面', '顶棚', '开关插座', '灯具'].map((name) => ({ name })),
  },
  {
    name: '主卧',
    items: ['墙面', '地面', '顶棚', '门窗', '开关插座', '衣柜', '空调预留'].map((name) => ({ name })),
  },
  {
    name: '次卧',
    items: ['墙面', '地面', '顶棚', '门窗', '开关插座', '空调预留'].map((name) => ({ name })),
  },
  {
    name: '厨房',
    items: ['墙面', '地面', '顶棚', '门窗', '橱柜台面', '水槽龙头', '给排水', '燃气', '烟道及烟机', '开关插座'].map((name) => ({
      name,
    })),
  },
  {
    name: '卫生间',
    items: ['墙面', '地面', '顶棚', '门窗', '给排水', '地漏', '洁具', '防水闭水', '排气扇', '开关插座'].map((name) => ({
      name,
    })),
  },
  {
    name: '阳台',
    items: ['墙面', '地面', '栏杆', '门窗', '地漏', '晾衣架'].map((name) => ({ name })),
  },
  {
    name: '设备',
    items: ['强电箱', '弱电箱', '水表', '电表', '燃气表', '地暖分水器', '新风'].map((name) => ({ name })),
  },
];

/** The standard template's content, as template.create takes it. */
export const STANDARD_TEMPLATE = {
  name: STANDARD_TEMPLATE_NAME,
  houseType: '',
  areas: STANDARD_TEMPLATE_AREAS,
  remark: '适用于没有专用模板的户型',
} as const;

/** Check items in a template's areas. */
export function templateItemCount(areas: readonly TemplateArea[]): number {
  return areas.reduce((n, a) => n + a.items.length, 0);
}

/**
 * Dictionary entries a new group starts with for the handover (交付验房) dictionaries: the demo
 * data seeds them; the users keep them up (基础数据).
 */
export const HANDOVER_DICTIONARY_DEFAULTS = {
  defectCategory: ['空鼓', '开裂', '渗漏', '污损', '划痕', '平整度', '色差', '功能故障', '安装缺失', '尺寸偏差', '锈蚀', '其他'],
  contractor: ['总包单位', '精装单位', '门窗单位', '水电安装单位', '燃气公司', '电梯单位', '园林单位', '物业服务中心'],
  refusalReason: ['房屋质量问题未整改', '面积差异有异议', '交付资料不全', '配套设施未完成', '费用未结清', '业主个人原因'],
  handoverItem: [
    '入户门钥匙',
    '门禁卡',
    '信报箱钥匙',
    '住宅质量保证书',
    '住宅使用说明书',
    '房屋交接确认书',
    '装修管理规定',
    '电梯卡',
  ],
} as const;
