import { useState } from 'react';
import { Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application, FormField } from '@henji/contracts';
import { useMe } from '../auth/session.ts';
import { formatDateTime } from '../i18n/format.ts';
import { FormValues } from './FormValues.tsx';
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
  const show = (field: FormField, values: Record<string, unknown>) => (
    <FormValues definition={{ fields: [field] }} values={values} attachments={application.attachments} />
  );

  return (
    <Card title={t('applications.versions.title')} size="small" data-testid="form-versions">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('applications.versions.compare')}</Typography.Text>
        <Select<number> aria-label={t('applications.versions.from')} value={from} onChange={setFrom} options={options} style={{ minWidth: 200 }} />
        <Typography.Text>→</Typography.Text>
        <Select<number> aria-label={t('applications.versions.to')} value={to} onChange={setTo} options={options} style={{ minWidth: 200 }} />
      </Flex>
      {baseline !== null && from === baseline && to === application.formVersion && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('applications.versions.sinceYouSaw', { version: baseline })}
        </Typography.Paragraph>
      )}
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('applications.versions.noChanges')} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={changes}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('applications.versions.field'), key: 'label', dataIndex: 'label', width: 120 },
            { title: t('applications.versions.before', { version: from }), key: 'before', render: (_: unknown, field: FormField) => show(field, before!.form) },
            { title: t('applications.versions.after', { version: to }), key: 'after', render: (_: unknown, field: FormField) => show(field, after!.form) },
          ]}
        />
      )}
    </Card>
  );
}
