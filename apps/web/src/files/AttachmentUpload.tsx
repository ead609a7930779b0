import { useEffect, useRef, useState } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { CloseOutlined, DeleteOutlined, ExclamationCircleOutlined, LoadingOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@henji/contracts';
import { api, isApiError } from '../api/client.ts';
import { errorText } from '../api/error-text.ts';
import { fileKeys, uploadFile, useFileRules } from './api.ts';
import { AttachmentItem } from './AttachmentItem.tsx';
import { acceptOf, formatBytes, precheck } from './format.ts';

type Value<K extends 'files' | 'ids'> = K extends 'ids' ? string[] : FileMeta[];

export interface AttachmentUploadProps<K extends 'files' | 'ids' = 'files'> {
  /**
   * What the value holds: the uploaded files' metadata (default), or only their ids, as a record's form stores them
   * (the names and hashes are then loaded from GET /api/files/{id}).
   */
  valueType?: K;
  value?: Value<K>;
  onChange?: (value: Value<K>) => void;
  multiple?: boolean;
  /** At most this many files (default: unlimited, or 1 when not `multiple`). */
  maxCount?: number;
  disabled?: boolean;
  id?: string;
}

/** A file on its way up, or one the server refused (shown until dismissed). */
interface PendingUpload {
  uid: number;
  name: string;
  percent: number;
  error: string | null;
  abort: AbortController | null;
}

/** The server's own words for a refused file: its field error on `file` (size, type, content), else the general text. */
function refusal(t: Parameters<typeof errorText>[0], error: unknown): string {
  return (isApiError(error) && error.fieldErrors['file']?.[0]) || errorText(t, error);
}

/**
 * Attachments as a form control (Ant Design `Form.Item` value/onChange). Each chosen file is uploaded at once with
 * progress — checked by the server for size, type and content, its SHA-256 recorded — and joins the value when the
 * server accepts it; a refusal shows the server's reason beside the file's name.
 */
export function AttachmentUpload<K extends 'files' | 'ids' = 'files'>(props: AttachmentUploadProps<K>) {
  const { valueType, value: given, onChange: emit, ...rest } = props;
  const ids = valueType === 'ids';
  const byId = useFileEntries(ids ? ((given ?? []) as string[]) : null);
  const value = byId ?? ((given ?? []) as FileMeta[]).map((meta): FileEntry => ({ id: meta.id, meta, error: null }));
  const onChange = (next: FileEntry[]) =>
    emit?.((ids ? next.map((entry) => entry.id) : next.flatMap((entry) => (entry.meta ? [entry.meta] : []))) as Value<K>);
  return <FileUpload value={value} onChange={onChange} {...rest} />;
}

/** A file of the value: its metadata, or — known by id only — none yet (loading) or none to be had (`error`). */
interface FileEntry {
  id: string;
  meta: FileMeta | undefined;
  error: Error | null;
  retry?: () => void;
}

/** The files known by id, in order, each with its metadata once loaded. */
function useFileEntries(ids: string[] | null): FileEntry[] | null {
  const results = useQueries({
    queries: (ids ?? []).map((fileId) => ({
      queryKey: fileKeys.detail(fileId),
      queryFn: () => api<FileMeta>(`/api/files/${encodeURIComponent(fileId)}`),
      staleTime: Infinity,
    })),
  });
  if (!ids) return null;
  return ids.map((fileId, i) => {
    const result = results[i];
    return { id: fileId, meta: result?.data, error: result?.error ?? null, retry: () => void result?.refetch() };
  });
}

interface FileUploadProps {
  value: FileEntry[];
  onChange: (files: FileEntry[]) => void;
  multiple?: boolean;
  maxCount?: number;
  disabled?: boolean;
  id?: string;
}

function FileUpload({ value, onChange, multiple = true, maxCount, disabled = false, id }: FileUploadProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rules = useFileRules();
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const nextUid = useRef(0);

  // Uploads finish one by one; each joins the value as it is when it finishes, not as it was when it started.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  // Leaving the form abandons uploads still running.
  const running = useRef(new Set<AbortController>());
  useEffect(() => {
    const controllers = running.current;
    return () => controllers.forEach((c) => c.abort());
  }, []);

  const limit = maxCount ?? (multiple ? Infinity : 1);
  const inFlight = pending.filter((p) => p.error === null).length;
  const canAdd = !disabled && value.length + inFlight < limit;

  const patch = (uid: number, change: Partial<PendingUpload>) => setPending((list) => list.map((p) => (p.uid === uid ? { ...p, ...change } : p)));
  const drop = (uid: number) => setPending((list) => list.filter((p) => p.uid !== uid));

  async function start(file: File) {
    const uid = nextUid.current++;
    const problem = precheck(file, rules.data);
    if (problem) {
      const reason = problem === 'tooLarge' ? t('files.upload.tooLarge', { limit: formatBytes(rules.data!.maxBytes) }) : t('files.upload.typeNotAllowed');
      setPending((list) => [...list, { uid, name: file.name, percent: 0, error: reason, abort: null }]);
      return;
    }
    const abort = new AbortController();
    running.current.add(abort);
    setPending((list) => [...list, { uid, name: file.name, percent: 0, error: null, abort }]);
    try {
      const meta = await uploadFile(file, { signal: abort.signal, onProgress: (fraction) => patch(uid, { percent: Math.floor(fraction * 100) }) });
      drop(uid);
      const entry: FileEntry = { id: meta.id, meta, error: null };
      const next = multiple ? [...latest.current, entry] : [entry];
      latest.current = next;
      // The answer is the file's metadata: a form that knows it by id shows it without asking, and only the list of
      // my uploads changes.
      queryClient.setQueryData(fileKeys.detail(meta.id), meta);
      onChange(next);
      void queryClient.invalidateQueries({ queryKey: fileKeys.mine.all });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') drop(uid);
      else patch(uid, { error: refusal(t, error), abort: null });
    } finally {
      running.current.delete(abort);
    }
  }

  const remove = (fileId: string) => {
    const next = value.filter((f) => f.id !== fileId);
    latest.current = next;
    onChange(next);
  };

  return (
    <Flex vertical gap={8} id={id}>
      {!disabled && (
        <Flex gap={12} align="center" wrap>
          <Upload
            multiple={multiple}
            showUploadList={false}
            disabled={!canAdd}
            accept={rules.data ? acceptOf(rules.data.extensions) : undefined}
            // The file is sent by start() through the API client (CSRF header, progress), not by antd's own request.
            beforeUpload={(file) => {
              void start(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} disabled={!canAdd}>
              {t('files.upload.button')}
            </Button>
          </Upload>
          {rules.data && (
            <Typography.Text type="secondary">
              {t('files.upload.hint', { limit: formatBytes(rules.data.maxBytes), types: rules.data.extensions.join(' ') })}
            </Typography.Text>
          )}
        </Flex>
      )}
      {value.map(({ id: fileId, meta, error, retry }) => {
        const onRemove = disabled ? {} : { onRemove: () => remove(fileId) };
        return meta ? (
          <AttachmentItem key={fileId} file={meta} {...onRemove} />
        ) : (
          <UnloadedItem key={fileId} fileId={fileId} error={error} onRetry={retry} {...onRemove} />
        );
      })}
      {pending.map((upload) =>
        upload.error === null ? (
          <Flex key={upload.uid} gap={8} align="center" data-testid="attachment-uploading">
            <Typography.Text ellipsis style={{ maxWidth: 360 }}>
              {upload.name}
            </Typography.Text>
            <Progress percent={upload.percent} size="small" style={{ width: 160, margin: 0 }} aria-label={t('files.upload.uploading')} />
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('common.cancel')} onClick={() => upload.abort?.abort()} />
          </Flex>
        ) : (
          <Flex key={upload.uid} gap={8} align="center" data-testid="attachment-refused">
            <Typography.Text type="danger">
              <ExclamationCircleOutlined /> {t('files.upload.failed', { name: upload.name, reason: upload.error })}
            </Typography.Text>
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('files.upload.dismiss')} onClick={() => drop(upload.uid)} />
          </Flex>
        ),
      )}
    </Flex>
  );
}

/** A file known by id whose metadata is still loading, or could not be read (deleted, not visible, network). */
function UnloadedItem({ fileId, error, onRetry, onRemove }: { fileId: string; error: Error | null; onRetry?: () => void; onRemove?: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" data-testid={error ? 'attachment-unreadable' : 'attachment-loading'}>
      <Typography.Text type="secondary" code title={fileId}>
        {fileId.slice(0, 8)}
      </Typography.Text>
      {error ? (
        <Typography.Text type="danger" title={errorText(t, error)}>
          <ExclamationCircleOutlined /> {t('files.upload.unreadable')}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('common.loading')}
        </Typography.Text>
      )}
      {error && onRetry && <Button type="text" size="small" icon={<ReloadOutlined />} aria-label={t('common.retry')} title={t('common.retry')} onClick={onRetry} />}
      {onRemove && (
        <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('files.upload.remove')} title={t('files.upload.remove')} onClick={onRemove} />
      )}
    </Flex>
  );
}
