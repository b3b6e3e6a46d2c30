/** Messages of the organization screens: zh is the reference, en must have the same keys. */
export const organizationZh = {
  'menu.organization': '组织与员工',
} as const;

export const organizationEn: Record<keyof typeof organizationZh, string> = {
  'menu.organization': 'Organisation',
};
