/**
 * What other modules use of 专题/专栏: an organization's visible columns (for a link list on its
 * portal), and the seed's commands.
 */
export { listPublicTopColumns, type PublicTopColumn } from './queries/public.js';
export { saveColumn, type ColumnInput } from './commands/save-column.js';
export { placeItem } from './commands/place-item.js';
export { decidePlacement } from './commands/decide-placement.js';
