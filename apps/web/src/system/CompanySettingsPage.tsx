import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Skeleton, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UpdateCompanySettingsInput } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { schemaRule } from '../components/rules.ts';
import { uploadFile } from '../files/api.ts';
import { fetchCompany, homeKeys, updateCompany } from '../home/api.ts';

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const NameSchema = UpdateCompanySettingsInput.shape.name;

interface Values {
  name: string;
}

/** 系统 → 公司信息: the company's name and logo (header, sign-in page, printed PDFs). Administrators only. */
export function CompanySettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const company = useQuery({ queryKey: homeKeys.company, queryFn: fetchCompany });
  /** The logo as it will be saved: its file id and a URL to show it by. */
  const [logo, setLogo] = useState<{ id: string; url: string } | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);

  useEffect(() => {
    if (!company.data) return;
    form.setFieldsValue({ name: company.data.name ?? '' });
    setLogo(company.data.logoFileId && company.data.logoUrl ? { id: company.data.logoFileId, url: company.data.logoUrl } : null);
  }, [company.data, form]);
  // An object URL made for a fresh upload is freed when it is replaced or the page closes.
  useEffect(() => () => void (logo?.url.startsWith('blob:') && URL.revokeObjectURL(logo.url)), [logo]);

  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(file),
    onMutate: () => setLogoError(null),
    onSuccess: (meta, file) => setLogo({ id: meta.id, url: URL.createObjectURL(file) }),
    onError: (error) => reportError(error),
  });
  const save = useMutation({
    mutationFn: (values: Values) => updateCompany({ name: values.name.trim(), logoFileId: logo?.id ?? null }),
    onSuccess: (saved) => {
      queryClient.setQueryData(homeKeys.company, saved);
      void queryClient.invalidateQueries({ queryKey: homeKeys.all });
      void message.success(t('firstRun.company.saved'));
    },
    onError: (error) => {
      reportError(error, form);
      setLogoError(null);
    },
  });

  const mayEdit = company.data?.allowedActions.includes('update') ?? false;
  let body;
  if (company.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (company.isError) body = <QueryError error={company.error} onRetry={() => void company.refetch()} />;
  else
    body = (
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} style={{ maxWidth: 520 }} disabled={!mayEdit}>
        {!mayEdit && <Alert type="info" showIcon title={t('firstRun.company.readOnly')} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="name"
          label={t('firstRun.company.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            schemaRule(NameSchema, t('firstRun.company.nameTooLong')),
          ]}
        >
          <Input placeholder={t('firstRun.company.namePlaceholder')} maxLength={100} showCount autoFocus />
        </Form.Item>
        <Form.Item label={t('firstRun.company.logo')} extra={t('firstRun.company.logoHelp')} validateStatus={logoError ? 'error' : undefined} help={logoError ?? undefined}>
          <Flex gap={16} align="center" wrap>
            <div
              style={{ width: 160, height: 80, border: '1px dashed #d9d9d9', borderRadius: 8, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa' }}
              aria-label={t('firstRun.company.preview')}
            >
              {logo ? (
                <img src={logo.url} alt={t('firstRun.header.logoAlt', { name: form.getFieldValue('name') ?? '' })} style={{ maxWidth: 150, maxHeight: 70, objectFit: 'contain' }} data-testid="logo-preview" />
              ) : (
                <Typography.Text type="secondary">
                  <PictureOutlined /> {t('firstRun.company.noLogo')}
                </Typography.Text>
              )}
            </div>
            <Space wrap>
              <Upload
                accept=".png,.jpg,.jpeg,.gif,.webp"
                showUploadList={false}
                disabled={!mayEdit}
                beforeUpload={(file) => {
                  if (!LOGO_TYPES.includes(file.type)) setLogoError(t('firstRun.company.logoHelp'));
                  else upload.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending}>
                  {upload.isPending ? t('firstRun.company.uploading') : t('firstRun.company.upload')}
                </Button>
              </Upload>
              {logo && (
                <Button icon={<DeleteOutlined />} onClick={() => setLogo(null)}>
                  {t('firstRun.company.remove')}
                </Button>
              )}
            </Space>
          </Flex>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!mayEdit || upload.isPending}>
          {t('firstRun.company.save')}
        </Button>
      </Form>
    );

  return (
    <>
      <PageHeader title={t('firstRun.company.title')} description={t('firstRun.company.description')} />
      <Card>{body}</Card>
    </>
  );
}
