/** The role home pages (issue 9, item 4): read-only queries over the other areas' data. */
export { homeRoutes } from './routes.ts';
export { homeOverview, personalHome, setupChecklist } from './queries.ts';
