/** Messages of the excelImport screens: zh is the reference, en must have the same keys. */
export const excelImportZh = {
  'menu.excelImport': 'Excel导入',
} as const;

export const excelImportEn: Record<keyof typeof excelImportZh, string> = {
  'menu.excelImport': 'Excel import',
};
