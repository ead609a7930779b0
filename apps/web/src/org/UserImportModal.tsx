import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { importUsers, USER_IMPORT_TEMPLATE_URL } from './api.ts';
import { ImportReportView } from './ImportReportView.tsx';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * Import users from xlsx/csv in two steps: a dry run that reports per-row problems without writing anything, then
 * the real run of the same file. The real run is offered only for a file whose dry run was clean, so an import
 * never half-applies a sheet with known errors.
 */
export function UserImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const run = useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => importUsers(file, dryRun),
    onSuccess: async (result) => {
      setReport(result);
      if (!result.dryRun) {
        void message.success(t('org.import.done'));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
          queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
          queryClient.invalidateQueries({ queryKey: queryKeys.roles }),
          queryClient.invalidateQueries({ queryKey: queryKeys.ledger.feeds }),
        ]);
      }
    },
    onError: (error) => reportError(error),
  });

  const dryRunClean = report?.dryRun === true && report.errors.length === 0;
  const finished = report?.dryRun === false;

  return (
    <Modal
      open
      title={t('org.import.title')}
      width={760}
      onCancel={onClose}
      mask={{ closable: !run.isPending }}
      footer={
        <Space>
          <Button onClick={onClose}>{finished ? t('common.close') : t('common.cancel')}</Button>
          {!finished && (
            <Button disabled={!file} loading={run.isPending && run.variables.dryRun} onClick={() => file && run.mutate({ file, dryRun: true })}>
              {t('org.import.check')}
            </Button>
          )}
          {!finished && (
            <Button
              type="primary"
              disabled={!file || !dryRunClean}
              loading={run.isPending && !run.variables.dryRun}
              onClick={() => file && run.mutate({ file, dryRun: false })}
              data-testid="import-run"
            >
              {t('org.import.run')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('org.import.help')}{' '}
        <Typography.Link href={USER_IMPORT_TEMPLATE_URL} download>
          <DownloadOutlined /> {t('org.import.template')}
        </Typography.Link>
      </Typography.Paragraph>
      <Upload.Dragger
        accept={ACCEPT}
        maxCount={1}
        disabled={run.isPending || finished}
        fileList={file ? [{ uid: 'import', name: file.name, size: file.size, status: 'done' }] : []}
        // Keep the file in the browser; it is sent by the buttons below, once for the dry run and once for real.
        beforeUpload={(picked) => {
          setFile(picked);
          setReport(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setReport(null);
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('org.import.drop')}</p>
        <p className="ant-upload-hint">{t('org.import.formats')}</p>
      </Upload.Dragger>
      {report && (
        <div style={{ marginTop: 16 }}>
          <ImportReportView report={report} />
        </div>
      )}
    </Modal>
  );
}
