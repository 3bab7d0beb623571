/**
 * Public editions (公开版本): the seam through which every publishable kind records what it
 * published and shows the public its history. The public face of this module.
 */
export { findOpenEdition, openEditionOf, saveIntoEdition, type EditionEditing, type EditionSaved } from './editing.js';
export { newDraftColumns, recordDraftCreated, type EditionEntity } from './drafts.js';
export { EditFormBanner, EditionBanners } from './banners.js';
export { AdminItemFrame, EditFormFrame, ItemActions, WithdrawnNote, type ActionsItem, type EditFormFrameProps } from './admin-parts.js';
export { publishEdition, publishEditionAudited, type EditionPublication, type EditionRow } from './publish.js';
export { recordPublicEdition, recordBaselineEdition, removePublicEditions, type EditionSnapshot, type EditionItemType } from './record.js';
export { listPublicEditions, withPublicEditions, type PublicEditionSummary } from './queries.js';
export { comparePublicEditions, compareSnapshots, parseVersionPair } from './comparison.js';
export { Comparison, PublicComparePage, type ComparisonProps } from './compare-page.js';
export { EditionHistory } from './edition-history.js';
export { ComparePicker } from './compare-picker.js';
export { ChangeNoteField, isRevision } from './change-note-field.js';
export { sendPublicComparison } from './compare-route.js';
export { registerPublicItemRoutes, type PublicItemRoutes } from './public-routes.js';
