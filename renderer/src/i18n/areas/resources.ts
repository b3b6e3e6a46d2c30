/** Messages of the resources screens: zh is the reference, en must have the same keys. */
export const resourcesZh = {
  'menu.resources': '房产资源',
} as const;

export const resourcesEn: Record<keyof typeof resourcesZh, string> = {
  'menu.resources': 'Resources',
};
