import { Alert, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '@henji/contracts';
import type { ImportRowError } from '../api/types.ts';

/** What an import did, or (dry run) would do: counts, then every row the server rejected and why. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const ok = report.errors.length === 0;
  return (
    <div data-testid="import-report">
      <Alert
        showIcon
        type={ok ? (report.dryRun ? 'info' : 'success') : 'warning'}
        title={
          report.dryRun
            ? ok
              ? t('org.import.dryRunOk')
              : t('org.import.dryRunErrors', { count: report.errors.length })
            : ok
              ? t('org.import.done')
              : t('org.import.doneWithErrors', { count: report.errors.length })
        }
        style={{ marginBottom: 16 }}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('org.import.totalRows')} value={report.totalRows} />
        </Col>
        <Col span={6}>
          <Statistic title={report.dryRun ? t('org.import.willCreate') : t('org.import.created')} value={report.created} />
        </Col>
        <Col span={6}>
          <Statistic title={report.dryRun ? t('org.import.willUpdate') : t('org.import.updated')} value={report.updated} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.import.errors')} value={report.errors.length} styles={{ content: ok ? undefined : { color: '#cf1322' } }} />
        </Col>
      </Row>
      {!ok && (
        <Table<ImportRowError>
          size="small"
          rowKey={(error) => `${error.row}:${error.field ?? ''}:${error.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('org.import.row'), dataIndex: 'row', width: 80 },
            { title: t('org.import.field'), dataIndex: 'field', width: 160, render: (field?: string) => field ?? '—' },
            { title: t('org.import.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}
