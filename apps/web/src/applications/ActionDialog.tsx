import { Alert, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlowNode } from '@henji/contracts';
import { FormModal } from '../components/FormModal.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { ccOffered, opinionOffered, opinionRequired, signatureOffered, type ActionName, type ActionValues, type MyTask } from './action-logic.ts';
import { OpinionPhrases } from '../comfort/OpinionPhrases.tsx';
import { SignatureField } from '../comfort/SignatureField.tsx';
import { UsersSelect } from './UsersSelect.tsx';

interface ActionDialogProps {
  action: Exclude<ActionName, 'edit'>;
  /** The task acted on, for task actions (its return targets, whom it is done for). */
  task: MyTask | null;
  /** The task's node in the definition: whether it asks for an opinion on approval. */
  node: FlowNode | undefined;
  /** People a transfer or an added signer may not go to: the applicant, who signed other levels (the server refuses them too). */
  excludedPeople: readonly string[];
  submitting: boolean;
  onSubmit: (values: ActionValues) => void;
  onClose: () => void;
}

const OPINION_LABEL = {
  withdraw: 'applications.action.reason',
  urge: 'applications.action.urgeMessage',
  resubmit: 'applications.action.resubmitNote',
  emergency_execute: 'applications.action.emergencyOpinion',
} as const;

/** The dialog of one action: the opinion (required where the rules say so), a target, a person, a signature. */
export function ActionDialog({ action, task, node, excludedPeople, submitting, onSubmit, onClose }: ActionDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionValues>();
  const required = opinionRequired(action, node);
  const opinionLabel =
    action in OPINION_LABEL
      ? t(OPINION_LABEL[action as keyof typeof OPINION_LABEL])
      : required
        ? t('applications.action.opinion')
        : t('applications.action.opinionOptional');

  return (
    <FormModal<ActionValues>
      title={task?.onBehalfOf ? `${t(`applications.action.${action}`)} · ${t('applications.action.onBehalf', { name: task.onBehalfOf.displayName })}` : t(`applications.action.${action}`)}
      form={form}
      initialValues={{ position: 'after', signature: null }}
      submitting={submitting}
      onSubmit={onSubmit}
      onClose={onClose}
      okText={t(`applications.action.${action}`)}
      width={action === 'approve' || action === 'reject' || action === 'countersign' ? 600 : 520}
    >
      {action === 'emergency_execute' && <Alert type="warning" showIcon title={t('applications.action.emergencyHelp')} style={{ marginBottom: 16 }} />}
      {action === 'return' && (
        <Form.Item name="to" label={t('applications.action.returnTo')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={(task?.returnTargets ?? []).map((target) => ({ value: target.nodeId, label: target.name }))} data-testid="return-target" />
        </Form.Item>
      )}
      {(action === 'transfer' || action === 'add_signer') && (
        <Form.Item
          name="userId"
          label={action === 'transfer' ? t('applications.action.transferTo') : t('applications.action.signer')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <UserSelect excludeIds={excludedPeople} />
        </Form.Item>
      )}
      {action === 'add_signer' && (
        <Form.Item name="position" label={t('applications.action.signerPosition')}>
          <Radio.Group
            options={[
              { value: 'before', label: t('applications.action.before') },
              { value: 'after', label: t('applications.action.after') },
            ]}
          />
        </Form.Item>
      )}
      {action === 'comment' && (
        <Form.Item name="body" label={t('applications.action.commentBody')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
        </Form.Item>
      )}
      {opinionOffered(action) && (
        <Form.Item
          name="opinion"
          label={opinionLabel}
          rules={required ? [{ required: true, whitespace: true, message: t('applications.action.opinionRequired') }] : []}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={2000}
            showCount
            placeholder={action === 'approve' || action === 'reject' || action === 'return' ? t('applications.action.opinionPlaceholder') : undefined}
            data-testid="action-opinion"
          />
        </Form.Item>
      )}
      {opinionOffered(action) && <OpinionPhrases form={form} field="opinion" />}
      {ccOffered(action) && (
        <Form.Item name="cc" label={t('comfort.cc.label')} extra={t('comfort.cc.help')}>
          <UsersSelect />
        </Form.Item>
      )}
      {signatureOffered(action) && (
        <Form.Item name="signature" label={t('applications.action.signature')}>
          <SignatureField />
        </Form.Item>
      )}
    </FormModal>
  );
}
