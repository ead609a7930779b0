import { Checkbox, Divider, Flex, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalNode, ApproverSource, FormDefinition } from '@henji/contracts';
import { APPROVAL_MODES, RETURN_POLICIES } from '@henji/contracts/values';
import { ApproverSourceEditor } from './ApproverSourceEditor.tsx';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';
import { SlaEditor } from './SlaEditor.tsx';

interface ApprovalNodeEditorProps {
  node: ApprovalNode;
  onChange?: (node: ApprovalNode) => void;
  form: FormDefinition;
  messagesAt: MessagesAt;
}

// skipSelf is not offered: the applicant never approves their own application (the type's 职责分离 settings say who
// approves instead).
const FLAGS = ['opinionOnApprove', 'allowTransfer', 'allowAddSigner'] as const;

/** 审批: who approves, how their decisions combine, what they may do, and the node's time limit. */
export function ApprovalNodeEditor({ node, onChange, form, messagesAt }: ApprovalNodeEditorProps) {
  const { t } = useTranslation();
  const readOnly = !onChange;
  const set = (patch: Partial<ApprovalNode>) => onChange?.({ ...node, ...patch });

  return (
    <>
      <Prop label={t('flowAdmin.flow.approval.approvers')} required>
        <ApproverSourceEditor<ApproverSource>
          value={node.approvers}
          form={form}
          messagesAt={(p, exact) => messagesAt(p ? `approvers.${p}` : 'approvers', exact)}
          onChange={onChange && ((approvers) => set({ approvers }))}
        />
      </Prop>
      <Flex gap={16} wrap>
        <Prop label={t('flowAdmin.flow.approval.mode')} messages={messagesAt('mode')}>
          <Select<ApprovalNode['mode']>
            value={node.mode}
            disabled={readOnly}
            options={APPROVAL_MODES.map((m) => ({ value: m, label: t(`flowAdmin.flow.approval.modes.${m}`) }))}
            onChange={(mode) => {
              const next: ApprovalNode = { ...node, mode };
              if (mode === 'vote') next.ratio = node.ratio ?? 0.5;
              else delete next.ratio;
              onChange?.(next);
            }}
            style={{ width: 200 }}
          />
        </Prop>
        {node.mode === 'vote' && (
          <Prop label={t('flowAdmin.flow.approval.ratio')} help={t('flowAdmin.flow.approval.ratioHelp')} messages={messagesAt('ratio')}>
            <InputNumber
              min={1}
              max={100}
              precision={0}
              suffix="%"
              disabled={readOnly}
              value={node.ratio === undefined ? undefined : Math.round(node.ratio * 100)}
              onChange={(percent) => set({ ratio: percent === null ? 0.5 : percent / 100 })}
              style={{ width: 120 }}
            />
          </Prop>
        )}
      </Flex>
      <Flex gap={16} wrap>
        <Prop label={t('flowAdmin.flow.approval.returnPolicy')} messages={messagesAt('returnPolicy')}>
          <Select<ApprovalNode['returnPolicy']>
            value={node.returnPolicy}
            disabled={readOnly}
            options={RETURN_POLICIES.map((p) => ({ value: p, label: t(`flowAdmin.flow.approval.returnPolicies.${p}`) }))}
            onChange={(returnPolicy) => set({ returnPolicy })}
            style={{ width: 240 }}
          />
        </Prop>
        <Prop label={t('flowAdmin.flow.approval.whenEmpty')} messages={messagesAt('whenEmpty')}>
          <Select<ApprovalNode['whenEmpty']>
            value={node.whenEmpty}
            disabled={readOnly}
            options={(['admin', 'skip'] as const).map((w) => ({ value: w, label: t(`flowAdmin.flow.approval.whenEmptyOptions.${w}`) }))}
            onChange={(whenEmpty) => set({ whenEmpty })}
            style={{ width: 200 }}
          />
        </Prop>
      </Flex>
      <Prop label={t('flowAdmin.flow.approval.onResubmit')} help={t('flowAdmin.flow.approval.onResubmitHelp')} messages={messagesAt('onResubmit')}>
        <Select<'restart' | 'resume'>
          value={node.onResubmit ?? 'restart'}
          disabled={readOnly}
          options={(['restart', 'resume'] as const).map((o) => ({ value: o, label: t(`flowAdmin.flow.approval.onResubmitOptions.${o}`) }))}
          onChange={(onResubmit) => {
            const next = { ...node };
            if (onResubmit === 'resume') next.onResubmit = 'resume';
            else delete next.onResubmit;
            onChange?.(next);
          }}
          style={{ width: 320, maxWidth: '100%' }}
        />
      </Prop>
      <Prop label={null} help={t('flowAdmin.flow.approval.opinionHelp')}>
        <Flex vertical gap={4}>
          {FLAGS.map((flag) => (
            <Checkbox key={flag} checked={node[flag]} disabled={readOnly} onChange={(e) => set({ [flag]: e.target.checked })}>
              {t(`flowAdmin.flow.approval.${flag}`)}
            </Checkbox>
          ))}
        </Flex>
      </Prop>
      <Divider titlePlacement="start" plain>
        {t('flowAdmin.flow.sla.title')}
      </Divider>
      <SlaEditor
        sla={node.sla}
        form={form}
        messagesAt={(p, exact) => messagesAt(p ? `sla.${p}` : 'sla', exact)}
        onChange={
          onChange &&
          ((sla) => {
            const next = { ...node };
            if (sla) next.sla = sla;
            else delete next.sla;
            onChange(next);
          })
        }
      />
    </>
  );
}
