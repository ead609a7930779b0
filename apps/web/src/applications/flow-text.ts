/**
 * The flow definition in words, for the flowchart and the progress timeline: who approves ("部门负责人",
 * "角色：财务", "上级（第 1 级）"), how ("会签"), and what a branch's condition says ("金额 ≥ ¥10,000.00").
 */
import { useTranslation } from 'react-i18next';
import type { ApproverSource, Condition, ConditionNode, FlowNode, FormDefinition, ScalarField } from '@henji/contracts';
import { useDepartments, usePositions, useRoles } from '../org/api.ts';
import { useReferenceLabels } from '../org/reference-labels.ts';
import { formatMoney } from './form-values.ts';

type Recipient = ApproverSource | { source: 'initiator' };

export interface FlowText {
  approver: (source: Recipient) => string;
  /** The second line of a node: who acts and how, what is copied, which rule numbers it. Empty when there is none. */
  nodeDetail: (node: FlowNode) => string;
  /**
   * The label of a condition branch, generated from its conditions — never a label typed beside them, which goes stale
   * when a threshold changes ("金额 ≥ 10000 元" over a condition of 5000) — or of `otherwise`.
   */
  branchLabel: (node: ConditionNode, branchIndex: number | null) => string;
  condition: (condition: Condition) => string;
}

/** Scalar fields of the form by key, table columns included (a condition may read either). */
function scalarFields(form: FormDefinition | undefined): Map<string, ScalarField> {
  const fields = new Map<string, ScalarField>();
  for (const field of form?.fields ?? []) {
    if (field.type === 'table') continue;
    fields.set(field.key, field);
  }
  return fields;
}

export function useFlowText(form?: FormDefinition): FlowText {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const positions = usePositions();
  const departments = useDepartments();
  const labels = useReferenceLabels();
  const fields = scalarFields(form);
  const separator = t('common.listSeparator');

  const roleName = (code: string) => {
    const role = roles.data?.find((r) => r.code === code);
    return role ? labels.role(role) : code;
  };
  const positionName = (code: string) => {
    const position = positions.data?.find((p) => p.code === code);
    return position ? labels.position(position) : code;
  };
  const departmentName = (code: string) =>
    code === 'initiator' ? t('applications.flow.approver.departmentOfInitiator') : (departments.data?.find((d) => d.code === code)?.name ?? code);
  const fieldLabel = (key: string) => fields.get(key)?.label ?? form?.fields.find((f) => f.key === key)?.label ?? key;

  const approver = (source: Recipient): string => {
    switch (source.source) {
      case 'user':
        return t('applications.flow.approver.user', { username: source.username });
      case 'role':
        return t('applications.flow.approver.role', { role: roleName(source.role) });
      case 'department_head':
        return t('applications.flow.approver.department_head');
      case 'superior':
        return t('applications.flow.approver.superior', { level: source.level });
      case 'department_role': {
        const who = [source.role ? roleName(source.role) : null, source.position ? positionName(source.position) : null].filter(Boolean).join(separator);
        return t('applications.flow.approver.department_role', { department: departmentName(source.department), who });
      }
      case 'field':
        return t('applications.flow.approver.field', { field: fieldLabel(source.field) });
      case 'committee':
        return t('applications.flow.approver.committee', { role: roleName(source.role) });
      case 'initiator':
        return t('applications.flow.approver.initiator');
    }
  };

  const valueText = (field: ScalarField | undefined, value: Condition['value']): string => {
    if (value === undefined) return '';
    if (Array.isArray(value)) return value.map((v) => valueText(field, v)).join(separator);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (field?.type === 'money' && typeof value === 'number') return formatMoney(value, i18n.language);
    if (field?.type === 'select') return field.options?.find((o) => o.value === String(value))?.label ?? String(value);
    return String(value);
  };

  const condition = (c: Condition): string => {
    const op = t(`applications.flow.op.${c.op}`);
    if (c.op === 'empty' || c.op === 'not_empty') return `${fieldLabel(c.field)} ${op}`;
    return `${fieldLabel(c.field)} ${op} ${valueText(fields.get(c.field), c.value)}`;
  };

  const modeText = (node: Extract<FlowNode, { type: 'approval' }>) => {
    if (node.mode === 'vote' && node.ratio !== undefined) return t('applications.flow.mode.voteRatio', { percent: Math.round(node.ratio * 100) });
    return t(`applications.flow.mode.${node.mode}`);
  };

  const nodeDetail = (node: FlowNode): string => {
    switch (node.type) {
      case 'approval':
        return `${approver(node.approvers)} · ${modeText(node)}`;
      case 'cc':
        return t('applications.flow.cc', { who: node.recipients.map(approver).join(separator) });
      case 'notify':
        return t('applications.flow.notify', { who: node.recipients.map(approver).join(separator) });
      case 'action':
        return node.action.kind === 'create_task'
          ? t('tasks.flowAction', { title: node.action.title, who: approver(node.action.owner) })
          : t('applications.flow.assignNumber', { rule: node.action.rule });
      default:
        return '';
    }
  };

  const branchLabel = (node: ConditionNode, branchIndex: number | null): string => {
    if (branchIndex === null) return t('applications.flow.otherwise');
    const branch = node.branches[branchIndex];
    if (!branch) return '';
    return branch.when.map(condition).join(t('applications.flow.and'));
  };

  return { approver, nodeDetail, branchLabel, condition };
}
