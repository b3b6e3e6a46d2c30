/** Messages of the customers screens: zh is the reference, en must have the same keys. */
export const customersZh = {
  'menu.customers': '客户管理',
} as const;

export const customersEn: Record<keyof typeof customersZh, string> = {
  'menu.customers': 'Customers',
};
