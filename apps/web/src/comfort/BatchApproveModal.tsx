import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { BatchApproveResult, InboxItem } from '@henji/contracts';
import { errorText } from '../api/error-text.ts';
import { applyFieldErrors } from '../api/form-errors.ts';
import { FormModal } from '../components/FormModal.tsx';
import { afterApplicationChange } from '../applications/api.ts';
import { batchApprove, useSavedSignature } from './api.ts';
import { batchItems, batchRows } from './logic.ts';
import { OpinionPhrases } from './OpinionPhrases.tsx';

interface BatchValues {
  opinion?: string;
  useSavedSignature?: boolean;
}

interface BatchApproveModalProps {
  /** The to-dos on the page; those in `selected` that a batch may approve are sent. */
  items: readonly InboxItem[];
  selected: ReadonlySet<string>;
  onClose: () => void;
  /** After the server answered: the approved ones leave the selection. */
  onDone: (approvedTaskIds: string[]) => void;
}

/** 批量同意: one opinion (and optionally the saved signature) for the chosen to-dos, then the answer for each. */
export function BatchApproveModal({ items, selected, onClose, onDone }: BatchApproveModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<BatchValues>();
  const signature = useSavedSignature();
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<BatchApproveResult | null>(null);
  // The page as it was when the dialog opened: the list refreshes after the batch, without the approved ones.
  const [shown] = useState(() => [...items]);
  const [chosen] = useState(() => batchItems(items, selected));

  const submit = async (values: BatchValues) => {
    setSubmitting(true);
    try {
      const answer = await batchApprove({ items: chosen, opinion: values.opinion?.trim() || undefined, useSavedSignature: values.useSavedSignature ?? false });
      setResult(answer);
      onDone(answer.results.filter((r) => r.ok).map((r) => r.taskId));
      await Promise.all(chosen.map((c) => afterApplicationChange(queryClient, c.applicationId)));
    } catch (error) {
      const { unmatched } = applyFieldErrors(form, error);
      if (unmatched.length > 0 || !(error instanceof Error)) void message.error(errorText(t, error));
    } finally {
      setSubmitting(false);
    }
  };

  if (result) {
    const rows = batchRows(result, shown);
    return (
      <Modal open title={t('comfort.batch.results')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('comfort.batch.close')}</Button>} width={640}>
        <Alert type={result.failed > 0 ? 'warning' : 'success'} showIcon title={t('comfort.batch.summary', { approved: result.approved, failed: result.failed })} style={{ marginBottom: 12 }} />
        <List
          size="small"
          dataSource={rows}
          data-testid="batch-results"
          renderItem={(row) => (
            <List.Item key={row.taskId} extra={row.ok ? <Tag color="success">{t('comfort.batch.ok')}</Tag> : <Tag color="error">{t('comfort.batch.failed')}</Tag>}>
              <List.Item.Meta
                title={<Link to={`/applications/${row.applicationId}`}>{row.number ? `${row.number} ${row.title}` : row.title}</Link>}
                description={row.ok ? null : <Typography.Text type="danger">{row.message}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      </Modal>
    );
  }

  const hasSignature = Boolean(signature.data?.image);
  return (
    <FormModal<BatchValues>
      title={t('comfort.batch.title', { count: chosen.length })}
      form={form}
      initialValues={{ useSavedSignature: false }}
      submitting={submitting}
      onSubmit={(values) => void submit(values)}
      onClose={onClose}
      okText={t('comfort.batch.submit')}
      width={600}
    >
      <Alert type="info" showIcon title={t('comfort.batch.help')} style={{ marginBottom: 16 }} />
      <Form.Item name="opinion" label={t('comfort.batch.opinion')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount placeholder={t('comfort.batch.opinionPlaceholder')} data-testid="batch-opinion" />
      </Form.Item>
      <OpinionPhrases form={form} field="opinion" />
      <Form.Item name="useSavedSignature" valuePropName="checked" extra={hasSignature ? undefined : <Link to="/me#signature">{t('comfort.batch.noSignature')}</Link>}>
        <Checkbox disabled={!hasSignature} data-testid="batch-signature">
          {t('comfort.batch.useSignature')}
        </Checkbox>
      </Form.Item>
      {hasSignature && (
        <Form.Item noStyle shouldUpdate={(a, b) => a.useSavedSignature !== b.useSavedSignature}>
          {() => (form.getFieldValue('useSavedSignature') ? <img src={signature.data!.image!} alt={t('comfort.signature.image')} style={{ maxWidth: 240, width: '100%', border: '1px solid #f0f0f0', borderRadius: 6 }} /> : null)}
        </Form.Item>
      )}
    </FormModal>
  );
}
