import { useState } from 'react';
import { App, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { QueryParams } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import { queryKeys } from '../api/query-keys.ts';
import { downloadFile } from './api.ts';

/** 导出 Excel: the list as the server builds it, with the filters shown; the download is traced (the badge refreshes). */
export function ExportButton({ path, query, fallbackName, block }: { path: string; query: QueryParams; fallbackName: string; block?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(path, query, fallbackName);
      void queryClient.invalidateQueries({ queryKey: queryKeys.ledger.checkpoint });
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} block={block} data-testid="export-xlsx">
      {t('comfort.export.button')}
    </Button>
  );
}
