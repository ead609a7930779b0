import { Flex, InputNumber, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '@henji/contracts';
import { useDepartments, usePositions, useRoles } from '../org/api.ts';
import { SOURCE_KINDS, recipientSkeleton, type Recipient, type RecipientKind } from './node-skeleton.ts';
import type { MessagesAt } from './problem-path.ts';
import { UsernameSelect } from './UsernameSelect.tsx';

interface ApproverSourceEditorProps<S extends Recipient> {
  value: S;
  onChange?: (source: S) => void;
  form: FormDefinition;
  /** Notify nodes may also address the applicant (申请人). */
  allowInitiator?: boolean;
  /** Messages about the source's own properties (`username`, `role`, `level` …). */
  messagesAt: MessagesAt;
}

/** The department code that means "the applicant's own department". */
const INITIATOR_DEPARTMENT = 'initiator';

/** Who: a user, a role, the department head, the Nth superior, a role or position in a department, a user field, a committee. */
export function ApproverSourceEditor<S extends Recipient>({ value, onChange, form, allowInitiator = false, messagesAt }: ApproverSourceEditorProps<S>) {
  const { t } = useTranslation();
  const roles = useRoles();
  const departments = useDepartments();
  const positions = usePositions();
  const readOnly = !onChange;
  const kinds: RecipientKind[] = allowInitiator ? [...SOURCE_KINDS, 'initiator'] : [...SOURCE_KINDS];
  // The source kind decides which shape is valid; the editors below only ever produce the shape of the current kind.
  const set = (next: Recipient) => onChange?.(next as S);
  const status = (property: string) => (messagesAt(property).length > 0 ? ('error' as const) : undefined);
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));

  let detail = null;
  switch (value.source) {
    case 'user':
      detail = <UsernameSelect value={value.username} status={status('username')} onChange={onChange && ((username) => set({ ...value, username }))} />;
      break;
    case 'role':
    case 'committee':
      detail = (
        <Select<string>
          value={value.role || undefined}
          status={status('role')}
          disabled={readOnly}
          loading={roles.isPending}
          options={roleOptions}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('flowAdmin.flow.source.role')}
          onChange={(role) => set({ ...value, role })}
          style={{ minWidth: 200, flex: 1 }}
        />
      );
      break;
    case 'superior':
      detail = (
        <InputNumber
          min={1}
          max={5}
          precision={0}
          value={value.level}
          status={status('level')}
          disabled={readOnly}
          onChange={(level) => set({ ...value, level: level ?? 1 })}
          formatter={(v) => t('flowAdmin.flow.source.levelValue', { level: v })}
          parser={(text) => Number((text ?? '').replace(/\D/g, '')) || 1}
          style={{ width: 160 }}
        />
      );
      break;
    case 'department_role': {
      const byPosition = value.position !== undefined;
      detail = (
        <Flex gap={8} wrap style={{ flex: 1 }}>
          <Select<string>
            value={value.department}
            status={status('department')}
            disabled={readOnly}
            loading={departments.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: INITIATOR_DEPARTMENT, label: t('flowAdmin.flow.source.initiatorDepartment') },
              ...(departments.data ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
            ]}
            onChange={(department) => set({ ...value, department })}
            style={{ minWidth: 180 }}
          />
          <Radio.Group
            value={byPosition ? 'position' : 'role'}
            disabled={readOnly}
            optionType="button"
            size="small"
            options={[
              { value: 'role', label: t('flowAdmin.flow.source.byRole') },
              { value: 'position', label: t('flowAdmin.flow.source.byPosition') },
            ]}
            onChange={(e) => set(e.target.value === 'position' ? { source: 'department_role', department: value.department, position: '' } : { source: 'department_role', department: value.department, role: '' })}
          />
          {byPosition ? (
            <Select<string>
              value={value.position || undefined}
              status={status('position')}
              disabled={readOnly}
              loading={positions.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('flowAdmin.flow.source.position')}
              options={(positions.data ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
              onChange={(position) => set({ source: 'department_role', department: value.department, position })}
              style={{ minWidth: 160 }}
            />
          ) : (
            <Select<string>
              value={value.role || undefined}
              status={status('role')}
              disabled={readOnly}
              loading={roles.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('flowAdmin.flow.source.role')}
              options={roleOptions}
              onChange={(role) => set({ source: 'department_role', department: value.department, role })}
              style={{ minWidth: 160 }}
            />
          )}
        </Flex>
      );
      break;
    }
    case 'field': {
      const userFields = form.fields.filter((f) => f.type === 'user');
      detail =
        userFields.length === 0 && !value.field ? (
          <Typography.Text type="warning">{t('flowAdmin.flow.source.noUserField')}</Typography.Text>
        ) : (
          <Select<string>
            value={value.field || undefined}
            status={status('field')}
            disabled={readOnly}
            options={userFields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))}
            placeholder={t('flowAdmin.flow.source.field')}
            onChange={(field) => set({ ...value, field })}
            style={{ minWidth: 200, flex: 1 }}
          />
        );
      break;
    }
    default:
      break;
  }

  const messages = messagesAt('');
  return (
    <Flex vertical gap={4} style={{ width: '100%' }}>
      <Flex gap={8} wrap align="center">
        <Select<RecipientKind>
          value={value.source}
          disabled={readOnly}
          options={kinds.map((kind) => ({ value: kind, label: t(`flowAdmin.flow.source.kinds.${kind}`) }))}
          onChange={(kind) => set(recipientSkeleton(kind, form))}
          style={{ width: 200 }}
          aria-label={t('flowAdmin.flow.source.kind')}
        />
        {detail}
      </Flex>
      {messages.length > 0 && <Typography.Text type="danger">{messages.join('；')}</Typography.Text>}
    </Flex>
  );
}
