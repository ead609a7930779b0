import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCompanyBrand } from './api.ts';

/** The company's logo and name at the left of the page header; nothing until an administrator sets them. */
export function CompanyMark() {
  const { t } = useTranslation();
  const data = useCompanyBrand();
  if (!data) return <span style={{ marginRight: 'auto' }} />;
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
