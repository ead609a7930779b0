import type { CompanySettings, HomeOverview, PersonalHome, SetupChecklist, UpdateCompanySettingsInput } from '@henji/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

/** Query keys of the home pages and the company settings (a prefix each, so a change can refresh them). */
export const homeKeys = {
  all: ['home'] as const,
  setup: ['home', 'setup'] as const,
  personal: ['home', 'personal'] as const,
  overview: ['home', 'overview'] as const,
  company: ['company-settings'] as const,
};

export const fetchSetup = () => api<SetupChecklist>('/api/home/setup');
export const fetchPersonal = () => api<PersonalHome>('/api/home/personal');
export const fetchOverview = () => api<{ overview: HomeOverview | null }>('/api/home/overview').then((r) => r.overview);

/** Public: also read by the sign-in page, before anyone signs in. */
export const fetchCompany = () => api<CompanySettings>('/api/settings/company', { expectUnauthenticated: true });

/**
 * The company's name and logo for the sign-in page and the page header: kept five minutes (they rarely change, and
 * the settings page writes what it saved into the cache); null while there is neither, or nothing could be read.
 */
export function useCompanyBrand(): CompanySettings | null {
  const company = useQuery({ queryKey: homeKeys.company, queryFn: fetchCompany, staleTime: 5 * 60_000 });
  const data = company.data;
  return data && (data.name || data.logoUrl) ? data : null;
}

export const updateCompany = (input: UpdateCompanySettingsInput) =>
  api<CompanySettings>('/api/settings/company', { method: 'PUT', body: input });
