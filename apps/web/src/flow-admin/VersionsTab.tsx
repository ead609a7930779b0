import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationType, ApplicationTypeVersion } from '@henji/contracts';
import { can } from '../components/can.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useExportYaml } from './use-export-yaml.ts';

const STATUS_COLORS: Record<ApplicationTypeVersion['status'], string> = { draft: 'orange', published: 'green', superseded: 'default' };

interface VersionsTabProps {
  type: ApplicationType;
  versions: readonly ApplicationTypeVersion[];
  viewingId: string | null;
  onView: (version: ApplicationTypeVersion) => void;
  onMigrate: () => void;
}

/** 版本: every version with its state and how many applications still run on it; any may be viewed or exported. */
export function VersionsTab({ type, versions, viewingId, onView, onMigrate }: VersionsTabProps) {
  const { t } = useTranslation();
  const exportYaml = useExportYaml();
  const rows = [...versions].sort((a, b) => b.version - a.version);
  const anyRunning = versions.some((v) => v.runningCount > 0);

  const columns: TableColumnsType<ApplicationTypeVersion> = [
    { title: t('flowAdmin.versions.version'), dataIndex: 'version', render: (v: number) => <Typography.Text strong>v{v}</Typography.Text> },
    {
      title: t('flowAdmin.versions.status'),
      dataIndex: 'status',
      render: (status: ApplicationTypeVersion['status']) => <Tag color={STATUS_COLORS[status]}>{t(`flowAdmin.versions.statuses.${status}`)}</Tag>,
    },
    { title: t('flowAdmin.versions.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('flowAdmin.versions.publishedAt'), dataIndex: 'publishedAt', render: formatDateTime },
    { title: t('flowAdmin.versions.publishedBy'), dataIndex: 'publishedBy', render: (by: ApplicationTypeVersion['publishedBy']) => by?.displayName ?? '—' },
    { title: t('flowAdmin.versions.running'), dataIndex: 'runningCount', render: (n: number) => (n > 0 ? <Tag color="blue">{n}</Tag> : n) },
    {
      title: t('flowAdmin.versions.hash'),
      dataIndex: 'definitionHash',
      render: (hash: string) => (
        <Typography.Text code copyable={{ text: hash }} title={hash}>
          {hash.replace(/^sha256:/, '').slice(0, 12)}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, version) => (
        <Space>
          <Button size="small" icon={<EyeOutlined />} type={version.id === viewingId ? 'primary' : 'default'} onClick={() => onView(version)}>
            {version.id === viewingId ? t('flowAdmin.versions.viewing') : t('flowAdmin.versions.view')}
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={exportYaml.isPending && exportYaml.variables.version?.id === version.id}
            onClick={() => exportYaml.mutate({ type, version })}
          >
            {t('flowAdmin.versions.export')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      extra={
        can(type, 'migrate') && (
          <Button icon={<SwapOutlined />} disabled={!anyRunning} onClick={onMigrate}>
            {t('flowAdmin.versions.migrate')}
          </Button>
        )
      }
    >
      <Table<ApplicationTypeVersion> rowKey="id" size="small" dataSource={rows} columns={columns} pagination={false} locale={{ emptyText: t('flowAdmin.versions.empty') }} scroll={{ x: 'max-content' }} />
    </Card>
  );
}
