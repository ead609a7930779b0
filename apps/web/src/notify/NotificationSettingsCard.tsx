import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Skeleton, Switch, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FeishuUserId, PlatformUserId, type ChannelKindValue, type NotificationPreferences } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { QueryError } from '../components/QueryError.tsx';
import { emptyToNull, schemaRule, trimmed } from '../components/rules.ts';
import { notifyKeys, savePreferences, usePreferences } from './api.ts';

type Choice = keyof NotificationPreferences['channels'];
const CHOICES: readonly { choice: Choice; kind: ChannelKindValue }[] = [
  { choice: 'email', kind: 'smtp' },
  { choice: 'wecom', kind: 'wecom' },
  { choice: 'dingtalk', kind: 'dingtalk' },
  { choice: 'feishu', kind: 'feishu' },
  { choice: 'sms', kind: 'sms' },
  { choice: 'dingtalk_app', kind: 'dingtalk_app' },
  { choice: 'wecom_app', kind: 'wecom_app' },
  { choice: 'feishu_app', kind: 'feishu_app' },
];

interface SettingsValues {
  channels: NotificationPreferences['channels'];
  quietStart: Dayjs | null;
  quietEnd: Dayjs | null;
  feishuUserId: string;
  dingtalkUserId: string;
  wecomUserId: string;
}

const toTime = (hhmm: string | null) => (hhmm ? dayjs(`2000-01-01T${hhmm}`) : null);
const fromTime = (value: Dayjs | null) => (value ? value.format('HH:mm') : null);

/** 个人设置 → 通知设置: which channels reach me besides the inbox, my quiet hours, and my Feishu user id. */
export function NotificationSettingsCard() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  return (
    <Card title={t('notify.settings.title')} data-testid="notification-settings">
      {preferences.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : preferences.isError ? (
        <QueryError error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <SettingsForm preferences={preferences.data} />
      )}
    </Card>
  );
}

function SettingsForm({ preferences }: { preferences: NotificationPreferences }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<SettingsValues>();

  const save = useMutation({
    mutationFn: (values: SettingsValues) =>
      savePreferences({
        channels: values.channels,
        quietStart: fromTime(values.quietStart),
        quietEnd: fromTime(values.quietEnd),
        feishuUserId: emptyToNull(values.feishuUserId),
        dingtalkUserId: emptyToNull(values.dingtalkUserId),
        wecomUserId: emptyToNull(values.wecomUserId),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(notifyKeys.preferences, saved);
      void message.success(t('common.saved'));
    },
    onError: (error) => reportError(error, form),
  });

  /** Why a chosen channel would not reach me yet, if it would not. */
  const caveat = (choice: Choice, kind: ChannelKindValue): string | null => {
    if (!preferences.availableChannels.includes(kind)) return t('notify.settings.notConfigured');
    if (choice === 'email' && !preferences.hasEmail) return t('notify.settings.needsEmail');
    if (choice === 'sms' && !preferences.hasPhone) return t('notify.settings.needsPhone');
    // The company's app finds the person on the platform (kernel/notify/channels/apps.ts).
    if (choice === 'feishu_app') return preferences.feishuUserId || preferences.hasPhone || preferences.hasEmail ? t('notify.settings.feishuAppHelp') : t('notify.settings.needsPhone');
    if (choice === 'dingtalk_app') return preferences.hasPhone ? t('notify.settings.appHelp') : t('notify.settings.needsPhone');
    if (choice === 'wecom_app') return preferences.hasPhone || preferences.hasEmail ? t('notify.settings.appHelp') : t('notify.settings.needsPhone');
    // Feishu robots @mention by Feishu user id only, never by mobile number.
    if (choice === 'feishu') return preferences.feishuUserId ? null : t('notify.settings.feishuHelp');
    if (choice !== 'email' && choice !== 'sms' && !preferences.hasPhone) return t('notify.settings.robotHelp');
    return null;
  };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      initialValues={{
        channels: preferences.channels,
        quietStart: toTime(preferences.quietStart),
        quietEnd: toTime(preferences.quietEnd),
        feishuUserId: preferences.feishuUserId ?? '',
        dingtalkUserId: preferences.dingtalkUserId ?? '',
        wecomUserId: preferences.wecomUserId ?? '',
      }}
      onFinish={(values) => save.mutate(values)}
      style={{ maxWidth: 560 }}
    >
      <Typography.Paragraph type="secondary">{t('notify.settings.description')}</Typography.Paragraph>
      <Form.Item label={t('notify.settings.channels')}>
        <Flex vertical gap={10}>
          <Flex gap={8} align="center">
            <Switch checked disabled size="small" aria-label={t('notify.settings.inApp')} />
            <span>{t('notify.settings.inApp')}</span>
          </Flex>
          {CHOICES.map(({ choice, kind }) => {
            const note = caveat(choice, kind);
            return (
              <Flex key={choice} gap={8} align="center" wrap>
                <Form.Item name={['channels', choice]} valuePropName="checked" noStyle>
                  <Switch size="small" aria-label={t(`notify.settings.${choice}`)} />
                </Form.Item>
                <span>{t(`notify.settings.${choice}`)}</span>
                {note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {note}
                  </Typography.Text>
                )}
              </Flex>
            );
          })}
        </Flex>
      </Form.Item>
      <Form.Item
        name="feishuUserId"
        label={t('notify.settings.feishuUserId')}
        extra={t('notify.settings.feishuUserIdHelp')}
        normalize={trimmed}
        rules={[schemaRule(FeishuUserId, t('notify.validation.feishuUserId'))]}
      >
        <Input autoComplete="off" placeholder="ou_…" style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item
        name="dingtalkUserId"
        label={t('notify.settings.dingtalkUserId')}
        extra={t('notify.settings.platformUserIdHelp')}
        normalize={trimmed}
        rules={[schemaRule(PlatformUserId, t('notify.validation.platformUserId'))]}
      >
        <Input autoComplete="off" style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item
        name="wecomUserId"
        label={t('notify.settings.wecomUserId')}
        extra={t('notify.settings.platformUserIdHelp')}
        normalize={trimmed}
        rules={[schemaRule(PlatformUserId, t('notify.validation.platformUserId'))]}
      >
        <Input autoComplete="off" style={{ maxWidth: 360 }} />
      </Form.Item>
      <Form.Item label={t('notify.settings.quiet')} extra={t('notify.settings.quietHelp')} style={{ marginBottom: 16 }}>
        <Flex gap={8} align="flex-start" wrap>
          <Form.Item
            name="quietStart"
            style={{ marginBottom: 0 }}
            dependencies={['quietEnd']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | null) => {
                  if (!value && getFieldValue('quietEnd')) throw new Error(t('notify.settings.quietPair'));
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={5} placeholder={t('notify.settings.quietStart')} needConfirm={false} />
          </Form.Item>
          <span style={{ lineHeight: '32px' }}>–</span>
          <Form.Item
            name="quietEnd"
            style={{ marginBottom: 0 }}
            dependencies={['quietStart']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: Dayjs | null) => {
                  const start = getFieldValue('quietStart') as Dayjs | null;
                  if (!value && start) throw new Error(t('notify.settings.quietPair'));
                  if (value && start && fromTime(value) === fromTime(start)) throw new Error(t('notify.settings.quietEqual'));
                },
              }),
            ]}
          >
            <TimePicker format="HH:mm" minuteStep={5} placeholder={t('notify.settings.quietEnd')} needConfirm={false} />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('notify.settings.save')}
      </Button>
    </Form>
  );
}
