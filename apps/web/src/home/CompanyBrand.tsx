import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCompanyBrand } from './api.ts';
import styles from './CompanyBrand.module.css';

/**
 * The company's logo and name above the sign-in form (and the password page): public, so it shows before anyone
 * signs in. Nothing is drawn until the company has a name or a logo, and nothing on failure — the form matters more.
 */
export function CompanyBrand() {
  const { t } = useTranslation();
  const data = useCompanyBrand();
  if (!data) return null;
  return (
    <div className={styles.brand} data-testid="company-brand">
      {data.logoUrl && <img src={data.logoUrl} alt={t('firstRun.header.logoAlt', { name: data.name ?? '' })} className={styles.logo} />}
      {data.name && (
        <Typography.Text strong className={styles.name}>
          {data.name}
        </Typography.Text>
      )}
    </div>
  );
}
