import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Button, Card, Col, Descriptions, Form, Input, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationType, UpdateApplicationTypeInput } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { TracePanel } from '../components/TracePanel.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { afterChange } from '../org/api.ts';
import { APPLICATION_TYPE_SUBJECT, flowAdminKeys, updateApplicationType, useApplicationTypes } from './api.ts';

interface BasicValues {
  name: string;
  category: string;
  description: string;
}

/** 基本信息: the catalogue entry (name, category, description), saved at once and not versioned, and its traces. */
export function BasicInfoTab({ type }: { type: ApplicationType }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const types = useApplicationTypes();
  const [form] = Form.useForm<BasicValues>();
  const initial: BasicValues = { name: type.name, category: type.category, description: type.description };
  const editable = can(type, 'update');
  const categories = [...new Set((types.data ?? []).map((x) => x.category))];

  const save = useMutation({
    mutationFn: async (values: BasicValues) => {
      const patch = changedFields<UpdateApplicationTypeInput>(initial, {
        name: values.name.trim(),
        category: values.category.trim(),
        description: values.description.trim(),
      });
      return isEmptyPatch(patch) ? null : updateApplicationType(type.id, patch);
    },
    onSuccess: async (saved) => {
      if (!saved) return void message.info(t('common.noChanges'));
      void message.success(t('flowAdmin.designer.basicSaved'));
      await afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id });
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card size="small">
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('flowAdmin.type.code')}>
              <Tag>{type.code}</Tag>
              {type.builtin && <Tag color="gold">{t('flowAdmin.type.builtin')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(type.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(type.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <Form<BasicValues> form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} disabled={!editable}>
            <Form.Item name="name" label={t('flowAdmin.type.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="category" label={t('flowAdmin.type.category')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
              <AutoComplete options={categories.map((c) => ({ value: c }))} maxLength={100} />
            </Form.Item>
            <Form.Item name="description" label={t('flowAdmin.type.descriptionField')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={5} maxLength={2000} showCount />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small">
          <TracePanel subjectType={APPLICATION_TYPE_SUBJECT} subjectId={type.id} />
        </Card>
      </Col>
    </Row>
  );
}
