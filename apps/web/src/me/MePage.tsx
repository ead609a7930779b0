import { Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useRoles } from '../org/api.ts';
import { useReferenceLabels } from '../org/reference-labels.ts';
import { ApiTokensCard } from './ApiTokensCard.tsx';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { NotificationSettingsCard } from '../notify/NotificationSettingsCard.tsx';
import { PhrasesCard } from '../comfort/PhrasesCard.tsx';
import { SavedSignatureCard } from '../comfort/SavedSignatureCard.tsx';

/** 个人设置: who I am, how I am notified, my password and my API tokens. */
export function MePage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = useRoles();
  const labels = useReferenceLabels();
  const roleName = (code: string) => {
    const role = roles.data?.find((r) => r.code === code);
    return role ? labels.role(role) : code;
  };
  return (
    <>
      <PageHeader title={t('nav.me')} />
      <Flex vertical gap={16}>
        <Card title={t('me.profile')}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'username', label: t('org.user.username'), children: me.username },
              { key: 'displayName', label: t('org.user.displayName'), children: me.displayName },
              {
                key: 'roles',
                label: t('org.user.roles'),
                children:
                  me.roles.length > 0 ? (
                    <Space size={[4, 4]} wrap>
                      {me.roles.map((role) => (
                        <Tag key={role}>{roleName(role)}</Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'actingFor',
                label: t('me.actingFor'),
                children: me.actingFor.length > 0 ? me.actingFor.map((p) => p.displayName).join(t('common.listSeparator')) : '—',
              },
            ]}
          />
        </Card>
        <NotificationSettingsCard />
        <PhrasesCard />
        <SavedSignatureCard />
        <ChangePasswordCard />
        <ApiTokensCard />
      </Flex>
    </>
  );
}
