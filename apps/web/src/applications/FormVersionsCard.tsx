import { useState } from 'react';
import { Card, Empty, Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application, FormField } from '@henji/contracts';
import { useMe } from '../auth/session.ts';
import { formatDateTime } from '../i18n/format.ts';
import { FieldValue } from './FormValues.tsx';
import { baselineVersion, changedFields, versionOf } from './form-diff.ts';

/**
 * 表单版本: every submitted version of the form, and what changed between two of them — by default between the
 * version the reader last decided on and the current one, so an approver sees what changed since they signed.
 */
export function FormVersionsCard({ application }: { application: Application }) {
  const { t } = useTranslation();
  const me = useMe();
  const baseline = baselineVersion(application, me.id);
  const [from, setFrom] = useState<number | null>(baseline);
  const [to, setTo] = useState<number>(application.formVersion);
  if (application.formVersions.length < 2 || from === null) return null;
  const before = versionOf(application.formVersions, from);
  const after = versionOf(application.formVersions, to);
  const options = application.formVersions.map((v) => ({ value: v.version, label: t('applications.versions.option', { version: v.version, time: formatDateTime(v.submittedAt) }) }));
  const changes = before && after ? changedFields(application.definition.form.fields, before.form, after.form) : [];
  const show = (field: FormField, values: Record<string, unknown>) => <FieldValue field={field} values={values} attachments={application.attachments} />;

  return (
    <Card title={t('applications.versions.title')} size="small" data-testid="form-versions">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('applications.versions.compare')}</Typography.Text>
        <Select<number> aria-label={t('applications.versions.from')} value={from} onChange={setFrom} options={options} style={{ minWidth: 0, maxWidth: '100%' }} popupMatchSelectWidth={false} />
        <Typography.Text>→</Typography.Text>
        <Select<number> aria-label={t('applications.versions.to')} value={to} onChange={setTo} options={options} style={{ minWidth: 0, maxWidth: '100%' }} popupMatchSelectWidth={false} />
      </Flex>
      {baseline !== null && from === baseline && to === application.formVersion && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('applications.versions.sinceYouSaw', { version: baseline })}
        </Typography.Paragraph>
      )}
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('applications.versions.noChanges')} />
      ) : (
        <Flex vertical gap={12}>
          {changes.map((field) => (
            <div key={field.key} data-testid="version-change">
              <Typography.Text strong>{field.label}</Typography.Text>
              <Flex vertical gap={4} style={{ marginTop: 4 }}>
                <Flex gap={8} align="start" wrap>
                  <Tag style={{ flex: 'none' }}>{t('applications.versions.before', { version: from })}</Tag>
                  <div style={{ minWidth: 0, flex: '1 1 200px', overflowX: 'auto' }}>{show(field, before!.form)}</div>
                </Flex>
                <Flex gap={8} align="start" wrap>
                  <Tag color="blue" style={{ flex: 'none' }}>{t('applications.versions.after', { version: to })}</Tag>
                  <div style={{ minWidth: 0, flex: '1 1 200px', overflowX: 'auto' }}>{show(field, after!.form)}</div>
                </Flex>
              </Flex>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
