import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchCompany, homeKeys } from './api.ts';

/** The company's logo and name at the left of the page header; nothing until an administrator sets them. */
export function CompanyMark() {
  const { t } = useTranslation();
  const company = useQuery({ queryKey: homeKeys.company, queryFn: fetchCompany, staleTime: 5 * 60_000 });
  const data = company.data;
  if (!data || (!data.name && !data.logoUrl)) return <span style={{ marginRight: 'auto' }} />;
  return (
    <span style={{ marginRight: 'auto', display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0 }} data-testid="company-mark">
      {data.logoUrl && (
        <img src={data.logoUrl} alt={t('firstRun.header.logoAlt', { name: data.name ?? '' })} style={{ height: 32, maxWidth: 120, objectFit: 'contain' }} />
      )}
      {data.name && (
        <Typography.Text strong ellipsis style={{ maxWidth: 320 }}>
          {data.name}
        </Typography.Text>
      )}
    </span>
  );
}
