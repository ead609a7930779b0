import { Link } from 'react-router-dom';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../auth/session.ts';
import { useCalendarWarnings } from './api.ts';

/**
 * The home page's warning for calendar managers: a calendar lacks the holidays of the year under way or, from
 * 1 November, of the next year, so deadlines reaching into it are counted without holidays. Nothing while loading or
 * when the warnings cannot be read (the page has more important things to say then).
 */
export function CalendarYearBanner() {
  const { t } = useTranslation();
  const me = useMe();
  const manager = hasPermission(me, 'calendar.manage');
  const warnings = useCalendarWarnings(manager);
  if (!manager || !warnings.data) return null;
  const years = [...new Set(warnings.data.items.map((w) => w.year))].sort();
  return years.map((year) => {
    const names = warnings.data.items.filter((w) => w.year === year).map((w) => w.name);
    return (
      <Alert
        key={year}
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="calendar-year-banner"
        title={t('calendar.warning.title', { year })}
        description={t('calendar.warning.body', { year, names: names.join(t('common.listSeparator')) })}
        action={<Link to="/system/calendars">{t('calendar.warning.action')}</Link>}
      />
    );
  });
}
