import { useState } from 'react';
import { Card, Empty, Skeleton, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FileMeta } from '@henji/contracts';
import { can } from '../components/can.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { fileContentUrl, useMyFiles } from './api.ts';
import { formatBytes, shortSha } from './format.ts';

const PAGE_SIZE = 20;

function FileState({ file }: { file: FileMeta }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  if (!file.attachedTo) return <Tag>{t('files.state.unattached')}</Tag>;
  if (!can(file, 'download')) return <Tag>{t('files.state.hidden')}</Tag>;
  return (
    <Tooltip title={t('files.attachedTo', { subject: `${labels.subjectType(file.attachedTo.subjectType)} ${file.attachedTo.subjectId}` })}>
      <Tag color="blue">
        {t('files.state.attached')} · {labels.subjectType(file.attachedTo.subjectType)}
      </Tag>
    </Tooltip>
  );
}

/** 我的附件: every file the signed-in person uploaded, newest first, with the SHA-256 its trace records. */
export function MyFilesPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const files = useMyFiles(page, PAGE_SIZE);

  const columns: TableColumnsType<FileMeta> = [
    {
      title: t('files.column.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string, file) =>
        can(file, 'download') ? (
          <Typography.Link href={fileContentUrl(file.id)} download={name} data-testid="file-name">
            <DownloadOutlined /> {name}
          </Typography.Link>
        ) : (
          <Typography.Text data-testid="file-name">{name}</Typography.Text>
        ),
    },
    { title: t('files.column.size'), dataIndex: 'size', width: 110, render: (size: number) => formatBytes(size) },
    { title: t('files.column.type'), dataIndex: 'mime', ellipsis: true, width: 200 },
    {
      title: t('files.column.sha256'),
      dataIndex: 'sha256',
      width: 200,
      render: (sha256: string) => (
        <Tooltip title={t('files.shaTitle', { sha256 })}>
          <Typography.Text code copyable={{ text: sha256, tooltips: [t('files.copySha'), t('files.copiedSha')] }}>
            {shortSha(sha256)}
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('files.column.uploadedAt'), dataIndex: 'createdAt', width: 180, render: (at: string) => formatDateTime(at) },
    { title: t('files.column.state'), key: 'state', width: 160, render: (_: unknown, file) => <FileState file={file} /> },
  ];

  let body;
  if (files.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (files.isError) body = <QueryError error={files.error} onRetry={() => void files.refetch()} />;
  else if (files.data.total === 0) body = <Empty description={t('files.page.empty')} />;
  else {
    body = (
      <Table<FileMeta>
        rowKey="id"
        columns={columns}
        dataSource={files.data.items}
        loading={files.isFetching && files.isPlaceholderData}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: files.data.total,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
      />
    );
  }

  return (
    <>
      <PageHeader title={t('files.page.title')} description={t('files.page.description')} />
      <Card>{body}</Card>
    </>
  );
}
