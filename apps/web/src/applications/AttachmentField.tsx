import { useEffect, useRef, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { App, Button, Flex, Upload, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@henji/contracts';
import { api } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';

interface AttachmentFieldProps {
  /** File ids, as the application's form stores them. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  multiple?: boolean;
  id?: string;
  disabled?: boolean;
}

export const fileContentUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/content`;
const fileKey = (id: string) => ['files', 'detail', id] as const;

const uploadFile = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return api<FileMeta>('/api/files', { method: 'POST', body });
};

/**
 * An attachment field of an application form: uploads each chosen file at once (POST /api/files, which checks its
 * type and size and records its SHA-256) and keeps the ids. Works as an Ant Design form control.
 */
export function AttachmentField({ value = [], onChange, multiple = true, id, disabled }: AttachmentFieldProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);
  const metas = useQueries({
    queries: value.map((fileId) => ({ queryKey: fileKey(fileId), queryFn: () => api<FileMeta>(`/api/files/${encodeURIComponent(fileId)}`), staleTime: Infinity })),
  });
  // Uploads finish one by one; each appends to the ids as they are when it finishes, not when it started.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const meta = await uploadFile(file);
      const next = multiple ? [...latest.current, meta.id] : [meta.id];
      latest.current = next;
      onChange?.(next);
    } catch (error) {
      void message.error(t('applications.upload.failed', { name: file.name, reason: errorText(t, error) }));
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Flex vertical gap={4} id={id}>
      {value.map((fileId, index) => {
        const meta = metas[index]?.data;
        return (
          <Flex key={fileId} gap={8} align="center">
            <PaperClipOutlined />
            <Typography.Link href={fileContentUrl(fileId)} download ellipsis style={{ maxWidth: 360 }}>
              {meta?.name ?? fileId.slice(0, 8)}
            </Typography.Link>
            {!disabled && (
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('applications.upload.remove')}
                onClick={() => onChange?.(value.filter((v) => v !== fileId))}
              />
            )}
          </Flex>
        );
      })}
      {!disabled && (multiple || value.length === 0) && (
        <Upload
          multiple={multiple}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading > 0}>
            {t('applications.upload.button')}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
