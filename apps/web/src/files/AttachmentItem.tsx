import { Button, Flex, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@henji/contracts';
import { fileContentUrl } from './api.ts';
import { formatBytes, shortSha } from './format.ts';

/** What a list of attachments needs of a file; records may present their attachments without allowedActions. */
export type AttachmentSummary = Pick<FileMeta, 'id' | 'name' | 'size' | 'sha256'> & { allowedActions?: readonly string[] };

/** A file may be downloaded unless the server said which actions it allows and download is not among them. */
export const downloadable = (file: AttachmentSummary) => file.allowedActions?.includes('download') ?? true;

/**
 * One attached file: its name (a download link when allowed), size, and the first 12 hex digits of its SHA-256 with
 * the full hash to copy — the hash the trace records, so a reader can check the bytes they downloaded.
 */
export function AttachmentItem({ file, onRemove }: { file: AttachmentSummary; onRemove?: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" wrap data-testid="attachment">
      <PaperClipOutlined />
      {downloadable(file) ? (
        <Typography.Link href={fileContentUrl(file.id)} download={file.name} ellipsis style={{ maxWidth: 360 }}>
          {file.name}
        </Typography.Link>
      ) : (
        <Typography.Text ellipsis style={{ maxWidth: 360 }}>
          {file.name}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
      <Tooltip title={t('files.shaTitle', { sha256: file.sha256 })}>
        <Typography.Text code copyable={{ text: file.sha256, tooltips: [t('files.copySha'), t('files.copiedSha')] }} data-testid="attachment-sha">
          SHA-256 {shortSha(file.sha256)}
        </Typography.Text>
      </Tooltip>
      {onRemove && (
        <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('files.upload.remove')} title={t('files.upload.remove')} onClick={onRemove} />
      )}
    </Flex>
  );
}
