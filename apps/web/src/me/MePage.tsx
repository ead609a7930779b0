import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useRoles } from '../org/api.ts';
import { useReferenceLabels } from '../org/reference-labels.ts';
import { ApiTokensCard } from './ApiTokensCard.tsx';
import { CalendarFeedCard } from '../meetings/CalendarFeedCard.tsx';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { NotificationSettingsCard } from '../notify/NotificationSettingsCard.tsx';
import { PhrasesCard } from '../comfort/PhrasesCard.tsx';
import { SavedSignatureCard } from '../comfort/SavedSignatureCard.tsx';
import { usePhrases } from '../comfort/api.ts';
import { usePreferences } from '../notify/api.ts';

/** 个人设置: who I am, how I am notified, my calendar feed, my password and my API tokens. */
export function MePage() {
  const { t } = useTranslation();
  const me = useMe();
  const roles = useRoles();
  const labels = useReferenceLabels();
  // /me#phrases (管理常用语, under every opinion box) opens at that card: scrolled to once the cards above it have
  // their height (the same cached queries they show, no extra request).
  const { hash } = useLocation();
  const preferences = usePreferences();
  const phrases = usePhrases();
  const settled = !preferences.isPending && !phrases.isPending;
  useEffect(() => {
    if (hash && settled) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [hash, settled]);
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
        <CalendarFeedCard />
        <PhrasesCard />
        <SavedSignatureCard />
        <ChangePasswordCard />
        <ApiTokensCard />
      </Flex>
    </>
  );
}
