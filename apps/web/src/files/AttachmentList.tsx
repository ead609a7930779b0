import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AttachmentItem, type AttachmentSummary } from './AttachmentItem.tsx';

/** The attachments of a record, read-only: name, size, SHA-256 (short, full copy) and a download link. */
export function AttachmentList({ files }: { files: readonly AttachmentSummary[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return <Typography.Text type="secondary">{t('files.list.empty')}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {files.map((file) => (
        <AttachmentItem key={file.id} file={file} />
      ))}
    </Flex>
  );
}
