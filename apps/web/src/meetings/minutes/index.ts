/** The minutes and resolutions parts of the meeting page (M3–M4), mounted by the meeting page's tabs. */
export { MinutesPanel, MinutesStatusTag } from './MinutesPanel.tsx';
export { MinutesEditor } from './MinutesEditor.tsx';
export { ResolutionsPanel } from './ResolutionsPanel.tsx';
