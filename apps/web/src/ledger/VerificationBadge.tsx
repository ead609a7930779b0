import { Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { VerdictView } from './use-verification.ts';

/** The outcome of the in-browser proof check for one entry. Test ids are part of the browser tests' contract. */
export function VerificationBadge({ verdict }: { verdict: VerdictView }) {
  const { t } = useTranslation();
  switch (verdict.state) {
    case 'verified':
      return (
        <Tooltip title={t('trace.verifiedTooltip', { treeSize: verdict.treeSize })}>
          <Tag color="success" icon={<CheckCircleOutlined />} data-testid="trace-verified">
            {t('trace.verified')}
          </Tag>
        </Tooltip>
      );
    case 'pending':
      return (
        <Tooltip title={t('trace.pendingTooltip')}>
          <Tag color="processing" icon={<SyncOutlined spin />} data-testid="trace-pending">
            {t('trace.pending')}
          </Tag>
        </Tooltip>
      );
    case 'failed':
      return (
        <Space size={4}>
          <Tooltip title={t(`trace.failure.${verdict.reason}`)}>
            <Tag color="error" icon={<CloseCircleOutlined />} data-testid="trace-failed">
              {t('trace.failed')}
            </Tag>
          </Tooltip>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t(`trace.failure.${verdict.reason}`)}
          </Typography.Text>
        </Space>
      );
    case 'verifying':
      return (
        <Tag icon={<LoadingOutlined />} data-testid="trace-verifying">
          {t('trace.verifying')}
        </Tag>
      );
  }
}
