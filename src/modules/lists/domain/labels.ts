/** Addresses of lists and their versions. A version's own public address leads to its list's page. */
export const adminListUrl = (id: number) => `/admin/lists/${id}`;
export const adminVersionUrl = (id: number) => `/admin/lists/versions/${id}`;
export const reviewUrl = (id: number) => `/admin/review/list_version/${id}`;
export const publicListUrl = (id: number) => `/lists/${id}`;
export const publicVersionUrl = (listId: number, versionNo: number) => `/lists/${listId}/versions/${versionNo}`;
/** The content kind's public address of a version (feeds, catalog columns, the sitemap): redirects to its list's page. */
export const versionAddress = (versionId: number) => `/lists/version/${versionId}`;
