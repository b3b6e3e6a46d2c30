/** The omni search box (全能搜索) lives here; the customers screens own it. */
export function HeaderSearch() {
  return null;
}
