import { Alert, Card, Descriptions, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { Jargon } from './Jargon.tsx';
import { useCheckpointTrust } from './use-verification.ts';

/** The latest signed checkpoint, the key it must be signed with, and the browser's own check of the signature. */
export function CheckpointCard() {
  const { t } = useTranslation();
  const { checkpoint, publicKey, trust } = useCheckpointTrust();

  let body;
  if (checkpoint.isPending || publicKey.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (checkpoint.isError) body = <QueryError compact error={checkpoint.error} onRetry={() => void checkpoint.refetch()} />;
  else if (publicKey.isError) body = <QueryError compact error={publicKey.error} onRetry={() => void publicKey.refetch()} />;
  else if (checkpoint.data === null) body = <Alert type="info" showIcon title={t('ledger.noCheckpoint')} />;
  else {
    const cp = checkpoint.data;
    const signature = trust.isPending ? (
      <Tag icon={<LoadingOutlined />}>{t('trace.verifying')}</Tag>
    ) : trust.data?.ok ? (
      <Tag color="success" icon={<CheckCircleOutlined />} data-testid="checkpoint-verified">
        {t('ledger.signatureValid')}
      </Tag>
    ) : (
      <Tag color="error" icon={<CloseCircleOutlined />} data-testid="checkpoint-failed">
        {trust.data ? t(`trace.failure.${trust.data.reason}`) : t('trace.failed')}
      </Tag>
    );
    body = (
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        bordered
        items={[
          { key: 'treeSize', label: <Jargon term="merkle">{t('ledger.treeSize')}</Jargon>, children: <span data-testid="checkpoint-tree-size">{cp.treeSize}</span> },
          { key: 'issuedAt', label: t('ledger.issuedAt'), children: formatDateTime(cp.issuedAt) },
          { key: 'signature', label: <Jargon term="signature">{t('ledger.signature')}</Jargon>, children: signature },
          { key: 'keyId', label: t('ledger.keyId'), children: <Typography.Text code copyable>{cp.keyId}</Typography.Text> },
          {
            key: 'root',
            label: <Jargon term="root">{t('ledger.rootHash')}</Jargon>,
            span: 'filled',
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {cp.rootHash}
              </Typography.Text>
            ),
          },
          {
            key: 'publicKey',
            label: <Jargon term="signature">{t('ledger.publicKey')}</Jargon>,
            span: 'filled',
            children: (
              <>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {publicKey.data.publicKey}
                </Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                  {t('ledger.publicKeyHelp', { algorithm: publicKey.data.algorithm })}
                </Typography.Paragraph>
              </>
            ),
          },
        ]}
      />
    );
  }

  return <Card title={<Jargon term="checkpoint">{t('ledger.checkpoint')}</Jargon>}>{body}</Card>;
}
