/**
 * System settings: the company's name and logo, through the traced command `settings.updateCompany`. Other areas
 * read them with `companyName` (e.g. printed PDFs) and `companyLogo`.
 */
import './actions.ts';
import './policies.ts';

export { settingsRoutes } from './routes.ts';
export { updateCompanySettings } from './commands.ts';
export { companyLogo, companyName, presentCompany, COMPANY_KEY } from './queries.ts';
