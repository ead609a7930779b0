import { Checkbox, Flex, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { WebhookUrl, type ChannelConfigPatch, type CreateChannelInput, type NotificationChannel, type UpdateChannelInput } from '@henji/contracts';
import { CHANNEL_KIND_VALUES, type ChannelKindValue } from '@henji/contracts/values';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { emptyToNull, schemaRule } from '../components/rules.ts';
import { useSaveMutation } from '../org/use-save-mutation.ts';
import { CHANNEL_SUBJECT, createChannel, notifyKeys, updateChannel } from './api.ts';

type Secret = 'password' | 'secret' | 'token' | 'appSecret';
type AppKind = 'dingtalk_app' | 'wecom_app' | 'feishu_app';

interface ChannelValues {
  kind: ChannelKindValue;
  name: string;
  host?: string;
  port?: number;
  secure?: boolean;
  username?: string;
  from?: string;
  url?: string;
  password?: string;
  secret?: string;
  token?: string;
  appId?: string;
  appSecret?: string;
  agentId?: string;
  baseUrl?: string;
  /** Secrets already set that the administrator asks to clear. */
  clear?: Secret[];
}

const isRobot = (kind: ChannelKindValue): kind is 'wecom' | 'dingtalk' | 'feishu' => kind === 'wecom' || kind === 'dingtalk' || kind === 'feishu';
const isApp = (kind: ChannelKindValue): kind is AppKind => kind === 'dingtalk_app' || kind === 'wecom_app' || kind === 'feishu_app';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A secret's input: on an edit, empty keeps the saved one (已设置), and a tick clears it. */
function SecretField({ name, label, help, isSet, clearable = true }: { name: Secret; label: string; help?: string; isSet: boolean; clearable?: boolean }) {
  const { t } = useTranslation();
  const clearing = (Form.useWatch('clear') as Secret[] | undefined)?.includes(name) ?? false;
  return (
    <Form.Item label={label} extra={help} style={{ marginBottom: 16 }}>
      <Flex gap={8} align="center">
        <Form.Item name={name} noStyle rules={[{ max: 500 }]}>
          <Input.Password
            autoComplete="new-password"
            disabled={clearing}
            placeholder={clearing ? t('notify.channel.willClear') : isSet ? t('notify.channel.keepSecret') : t('notify.channel.secretNotSet')}
          />
        </Form.Item>
        {isSet && <Tag color={clearing ? 'default' : 'green'}>{t('notify.channel.secretSet')}</Tag>}
        {isSet && clearable && (
          <Form.Item name="clear" noStyle>
            <Checkbox.Group style={{ whiteSpace: 'nowrap' }} options={[{ value: name, label: t('notify.channel.clearSecret') }]} />
          </Form.Item>
        )}
      </Flex>
    </Form.Item>
  );
}

interface ChannelFormModalProps {
  channel?: NotificationChannel;
  onClose: () => void;
}

/** Create or edit a channel: SMTP server, group robot or SMS service; secrets are write-only. */
export function ChannelFormModal({ channel, onClose }: ChannelFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChannelValues>();
  const kind = (Form.useWatch('kind', form) as ChannelKindValue | undefined) ?? channel?.kind ?? 'smtp';
  const config = channel?.config;
  const editing = channel !== undefined;
  const initial: ChannelValues = {
    kind: channel?.kind ?? 'smtp',
    name: channel?.name ?? '',
    host: config?.host ?? '',
    port: config?.port ?? 465,
    secure: config?.secure ?? true,
    username: config?.username ?? '',
    from: config?.from ?? '',
    // A robot's saved address is a secret: only its mask is known here, so the field starts empty.
    url: channel && channel.kind === 'sms' ? (config?.url ?? '') : '',
    appId: config?.appId ?? '',
    agentId: config?.agentId ?? '',
    baseUrl: config?.baseUrl ?? '',
    clear: [],
  };

  /** The saved settings as the server has them, to send only what changed. */
  const saved = {
    host: config?.host,
    port: config?.port,
    secure: config?.secure,
    username: config?.username ?? null,
    from: config?.from,
    url: config?.url,
    appId: config?.appId,
    agentId: config?.agentId ?? null,
    baseUrl: config?.baseUrl ?? null,
  };

  const secretsOf = (values: ChannelValues) => {
    const out: Partial<Record<Secret, string | null>> = {};
    for (const name of ['password', 'secret', 'token', 'appSecret'] as const) {
      const typed = values[name]?.trim();
      if (typed) out[name] = typed;
      else if (values.clear?.includes(name)) out[name] = null;
    }
    return out;
  };

  const save = async (values: ChannelValues): Promise<NotificationChannel | null> => {
    const name = values.name.trim();
    const secrets = secretsOf(values);
    if (!channel) {
      const base = { name };
      let input: CreateChannelInput;
      if (values.kind === 'smtp') {
        input = {
          ...base,
          kind: 'smtp',
          config: {
            host: values.host!.trim(),
            port: values.port!,
            secure: values.secure ?? false,
            username: emptyToNull(values.username),
            password: secrets.password ?? null,
            from: values.from!.trim(),
          },
        };
      } else if (values.kind === 'sms') {
        input = { ...base, kind: 'sms', config: { url: values.url!.trim(), token: secrets.token ?? null } };
      } else if (isApp(values.kind)) {
        input = {
          ...base,
          kind: values.kind,
          config: {
            appId: values.appId!.trim(),
            appSecret: secrets.appSecret ?? '',
            ...(values.kind === 'feishu_app' ? {} : { agentId: emptyToNull(values.agentId) }),
            baseUrl: emptyToNull(values.baseUrl),
          },
        };
      } else {
        input = { ...base, kind: values.kind, config: { url: values.url!.trim(), secret: secrets.secret ?? null } };
      }
      return createChannel(input);
    }
    const settings: ChannelConfigPatch =
      channel.kind === 'smtp'
        ? {
            ...changedFields<ChannelConfigPatch>(saved, {
              host: values.host?.trim(),
              port: values.port,
              secure: values.secure,
              username: emptyToNull(values.username),
              from: values.from?.trim(),
            }),
            ...(secrets.password !== undefined ? { password: secrets.password } : {}),
          }
        : channel.kind === 'sms'
          ? { ...changedFields<ChannelConfigPatch>(saved, { url: values.url?.trim() }), ...(secrets.token !== undefined ? { token: secrets.token } : {}) }
          : isApp(channel.kind)
            ? {
                ...changedFields<ChannelConfigPatch>(saved, {
                  appId: values.appId?.trim(),
                  ...(channel.kind === 'feishu_app' ? {} : { agentId: emptyToNull(values.agentId) }),
                  baseUrl: emptyToNull(values.baseUrl),
                }),
                ...(secrets.appSecret ? { appSecret: secrets.appSecret } : {}),
              }
            : { ...(values.url?.trim() ? { url: values.url.trim() } : {}), ...(secrets.secret !== undefined ? { secret: secrets.secret } : {}) };
    const patch: UpdateChannelInput = {
      ...changedFields<UpdateChannelInput>({ name: initial.name }, { name }),
      ...(isEmptyPatch(settings) ? {} : { config: settings }),
    };
    return isEmptyPatch(patch) ? null : updateChannel(channel.id, patch);
  };
  const saving = useSaveMutation({ form, mutationFn: save, list: notifyKeys.channels, subjectType: CHANNEL_SUBJECT, onClose });

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const urlRule = schemaRule(WebhookUrl, t('notify.validation.url'));

  return (
    <FormModal<ChannelValues>
      title={editing ? t('notify.channel.edit') : t('notify.channel.create')}
      form={form}
      initialValues={initial}
      submitting={saving.isPending}
      onSubmit={(values) => saving.mutate(values)}
      onClose={onClose}
      width={600}
    >
      <Form.Item name="kind" label={t('notify.channel.kind')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          disabled={editing}
          options={CHANNEL_KIND_VALUES.map((value) => ({ value, label: t(`notify.channel.kinds.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('notify.channel.name')} extra={t('notify.channel.nameHelp')} rules={[required, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>

      {kind === 'smtp' && (
        <>
          <Flex gap={12}>
            <Form.Item name="host" label={t('notify.channel.host')} rules={[required, { max: 255 }]} style={{ flex: 1 }}>
              <Input autoComplete="off" placeholder="smtp.example.com" />
            </Form.Item>
            <Form.Item
              name="port"
              label={t('notify.channel.port')}
              rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: t('notify.validation.port') }]}
            >
              <InputNumber min={1} max={65535} precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Flex>
          <Form.Item name="secure" label={t('notify.channel.secure')} extra={t('notify.channel.secureHelp')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="from" label={t('notify.channel.from')} rules={[required, { pattern: EMAIL, message: t('notify.validation.email') }, { max: 200 }]}>
            <Input autoComplete="off" placeholder="henji@example.com" />
          </Form.Item>
          <Form.Item name="username" label={t('notify.channel.username')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <SecretField name="password" label={t('notify.channel.password')} isSet={config?.passwordSet ?? false} />
        </>
      )}

      {isRobot(kind) && (
        <>
          <Form.Item
            name="url"
            label={t('notify.channel.robotUrl')}
            extra={t(`notify.channel.robotUrlHelp.${kind}`)}
            rules={[...(editing ? [] : [required]), urlRule, { max: 2000 }]}
          >
            <Input.Password
              autoComplete="off"
              visibilityToggle
              placeholder={editing ? `${config?.url ?? ''} · ${t('notify.channel.keepSecret')}` : 'https://'}
            />
          </Form.Item>
          <SecretField name="secret" label={t('notify.channel.secret')} help={t('notify.channel.secretHelp')} isSet={config?.secretSet ?? false} />
        </>
      )}

      {isApp(kind) && (
        <>
          <Form.Item name="appId" label={t(`notify.channel.appId.${kind}`)} extra={t(`notify.channel.appHelp.${kind}`)} rules={[required, { max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          {editing ? (
            <SecretField name="appSecret" label={t(`notify.channel.appSecret.${kind}`)} isSet={config?.appSecretSet ?? false} clearable={false} />
          ) : (
            <Form.Item name="appSecret" label={t(`notify.channel.appSecret.${kind}`)} rules={[required, { max: 500 }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          {kind !== 'feishu_app' && (
            <Form.Item
              name="agentId"
              label={t('notify.channel.agentId')}
              rules={[required, { pattern: /^\d{1,20}$/, message: t('notify.validation.agentId') }]}
            >
              <Input autoComplete="off" inputMode="numeric" style={{ maxWidth: 240 }} />
            </Form.Item>
          )}
          <Form.Item name="baseUrl" label={t('notify.channel.baseUrl')} extra={t('notify.channel.baseUrlHelp')} rules={[urlRule, { max: 2000 }]}>
            <Input autoComplete="off" placeholder="https://" />
          </Form.Item>
        </>
      )}

      {kind === 'sms' && (
        <>
          <Form.Item name="url" label={t('notify.channel.smsUrl')} extra={t('notify.channel.smsUrlHelp')} rules={[required, urlRule, { max: 2000 }]}>
            <Input autoComplete="off" placeholder="https://" />
          </Form.Item>
          <SecretField name="token" label={t('notify.channel.token')} isSet={config?.tokenSet ?? false} />
        </>
      )}
    </FormModal>
  );
}
