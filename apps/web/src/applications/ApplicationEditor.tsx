import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Row, Space, Switch, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '@henji/contracts';
import { errorText } from '../api/error-text.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PhoneActionBar } from '../components/PhoneActionBar.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { applyApplicationErrors } from './application-errors.ts';
import { ApplicationForm } from './ApplicationForm.tsx';
import { FlowChart } from './FlowChart.tsx';
import { UsersSelect } from './UsersSelect.tsx';
import { ApproverPreviewCard } from '../comfort/ApproverPreviewCard.tsx';
import { toFormData, type FormData, type FormState } from './form-values.ts';

export interface EditorValues {
  form: FormData;
  urgent: boolean;
  /** People the applicant copies (抄送) on submitting. */
  cc: string[];
}

interface ApplicationEditorProps {
  /** The application type, for the approver preview. */
  typeId: string;
  title: string;
  description?: string;
  definition: ApplicationDefinition;
  initialState: FormState;
  initialUrgent: boolean;
  /** 保存草稿: kept as typed, required fields may stay empty. */
  onSaveDraft: (values: EditorValues) => Promise<unknown>;
  /** 提交 or 重新提交, after the browser's own checks and a confirmation. */
  onSubmit: (values: EditorValues) => Promise<unknown>;
  submitLabel: string;
  confirmText: string;
}

/**
 * The form of a new, draft or returned application with its two buttons and, beside it, the flow it will travel
 * (流程公示). Server problems land on the fields they name; the rest become a message.
 */
export function ApplicationEditor({ typeId, title, description, definition, initialState, initialUrgent, onSaveDraft, onSubmit, submitLabel, confirmText }: ApplicationEditorProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormState>();
  const [urgent, setUrgent] = useState(initialUrgent);
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const phone = useIsPhone();
  const [cc, setCc] = useState<string[]>([]);
  // The approver preview follows the form as typed (debounced in the card).
  const watched = Form.useWatch((all: FormState) => all, { form, preserve: true });
  const previewForm = useMemo(() => (watched ? toFormData(definition.form, watched) : null), [watched, definition.form]);

  const values = (): EditorValues => ({ form: toFormData(definition.form, form.getFieldsValue(true) as FormState), urgent, cc });

  const run = async (which: 'draft' | 'submit', action: (v: EditorValues) => Promise<unknown>) => {
    setBusy(which);
    try {
      await action(values());
    } catch (error) {
      const unmatched = applyApplicationErrors(form, error);
      void message.error(unmatched.length > 0 ? `${errorText(t, error)} ${unmatched.join('；')}` : errorText(t, error));
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      // Ant Design shows each problem on its field and scrolls to the first.
      return;
    }
    modal.confirm({
      title: submitLabel,
      content: confirmText,
      okText: submitLabel,
      cancelText: t('common.cancel'),
      onOk: () => run('submit', onSubmit),
    });
  };

  const buttons = (
    <>
      <Button
        icon={<SaveOutlined />}
        loading={busy === 'draft'}
        disabled={busy !== null}
        onClick={() => void run('draft', onSaveDraft)}
        block={phone}
        size={phone ? 'large' : undefined}
        data-testid="save-draft"
      >
        {t('applications.form.saveDraft')}
      </Button>
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy === 'submit'}
        disabled={busy !== null}
        onClick={() => void submit()}
        block={phone}
        size={phone ? 'large' : undefined}
        data-testid="submit-application"
      >
        {submitLabel}
      </Button>
    </>
  );

  // On a phone the two buttons stick to the bottom of the screen, where the thumb is after the last field.
  return (
    <>
      <PageHeader title={title} description={description} extra={phone ? undefined : <Space>{buttons}</Space>} />
      {phone && (
        <PhoneActionBar testId="editor-actions">
          <Flex gap={8}>{buttons}</Flex>
        </PhoneActionBar>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            {definition.emergency && (
              <Space align="center" wrap style={{ marginBottom: 16 }}>
                <Switch checked={urgent} onChange={setUrgent} aria-label={t('applications.form.urgent')} data-testid="urgent-switch" />
                <Typography.Text strong>{t('applications.form.urgent')}</Typography.Text>
                <Typography.Text type="secondary">{t('applications.form.urgentHelp')}</Typography.Text>
              </Space>
            )}
            <ApplicationForm definition={definition.form} form={form} initialValues={initialState} disabled={busy !== null} />
            <Form layout="vertical" component="div">
              <Form.Item label={t('comfort.cc.label')} extra={t('comfort.cc.help')} htmlFor="application-cc" style={{ marginBottom: 0 }}>
                <UsersSelect id="application-cc" value={cc} onChange={setCc} disabled={busy !== null} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <ApproverPreviewCard typeId={typeId} form={previewForm} />
            <Card title={t('applications.form.flowPreview')} size="small">
              <FlowChart flow={definition.flow} form={definition.form} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
