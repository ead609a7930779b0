import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys.ts';
import type { ApiToken, CreatedApiToken } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime, isFuture } from '../i18n/format.ts';
import { fetchApiTokens, revokeApiToken } from './api.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { TokenSecretModal } from './TokenSecretModal.tsx';

function TokenState({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Tag>{t('me.tokens.revoked')}</Tag>;
  if (token.expiresAt && !isFuture(token.expiresAt)) return <Tag color="orange">{t('me.tokens.expired')}</Tag>;
  return <Tag color="green">{t('me.tokens.active')}</Tag>;
}

/** API tokens for integrations (K5): listed by prefix, revocable, the secret shown once on creation. */
export function ApiTokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const tokens = useQuery({ queryKey: queryKeys.apiTokens, queryFn: fetchApiTokens });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeApiToken(token.id),
    onSuccess: async () => {
      void message.success(t('me.tokens.revokedMessage'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('me.tokens.name'), dataIndex: 'name' },
    { title: t('me.tokens.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('me.tokens.expiresAt'), dataIndex: 'expiresAt', render: (at: string | null) => (at ? formatDateTime(at) : t('me.tokens.never')) },
    { title: t('common.status'), key: 'state', render: (_: unknown, token) => <TokenState token={token} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, token) =>
        can(token, 'revoke') &&
        !token.revokedAt && (
          <Popconfirm
            title={t('me.tokens.confirmRevoke', { name: token.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('me.tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('me.tokens.title')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('me.tokens.create')}
        </Button>
      }
    >
      {tokens.isError ? (
        <QueryError compact error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tokens.data ?? []}
          loading={tokens.isPending}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('me.tokens.empty')} /> }}
        />
      )}
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
        />
      )}
      {created && <TokenSecretModal created={created} onClose={() => setCreated(null)} />}
    </Card>
  );
}
