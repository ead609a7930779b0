import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentCode, type Department, type UpdateDepartmentInput } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { schemaRule } from '../components/rules.ts';
import { SUBJECT, createDepartment, updateDepartment } from './api.ts';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.tsx';
import { useSaveMutation } from './use-save-mutation.ts';
import { UserSelect } from './UserSelect.tsx';

interface DepartmentValues {
  code: string;
  name: string;
  parentId: string | null;
  sortOrder: number | null;
  headUserId: string | null;
}

interface DepartmentFormModalProps {
  /** Edit this department; create a new one when absent. */
  department?: Department;
  onClose: () => void;
}

export function DepartmentFormModal({ department, onClose }: DepartmentFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentValues>();

  const initial: DepartmentValues = {
    code: department?.code ?? '',
    name: department?.name ?? '',
    parentId: department?.parentId ?? null,
    sortOrder: department?.sortOrder ?? null,
    headUserId: department?.headUserId ?? null,
  };

  const save = useSaveMutation({
    form,
    list: queryKeys.departments,
    subjectType: SUBJECT.department,
    onClose,
    mutationFn: async (values: DepartmentValues): Promise<Department | null> => {
      const sortOrder = values.sortOrder ?? undefined;
      if (!department) return createDepartment({ code: values.code, name: values.name, parentId: values.parentId ?? null, sortOrder });
      const patch = changedFields<UpdateDepartmentInput>(initial, {
        code: values.code,
        name: values.name,
        parentId: values.parentId ?? null,
        sortOrder,
        headUserId: values.headUserId ?? null,
      });
      return isEmptyPatch(patch) ? null : updateDepartment(department.id, patch);
    },
  });

  return (
    <FormModal<DepartmentValues>
      title={department ? t('org.department.edit') : t('org.department.create')}
      form={form}
      initialValues={initial}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values)}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('org.department.code')}
        extra={t('org.department.codeHelp')}
        normalize={(v: unknown) => (typeof v === 'string' ? v.toUpperCase().trim() : v)}
        rules={[{ required: true, message: t('validation.required') }, schemaRule(DepartmentCode, t('validation.departmentCode'))]}
      >
        <Input maxLength={10} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('org.department.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentId" label={t('org.department.parent')} extra={t('org.department.parentHelp')}>
        <DepartmentTreeSelect excludeSubtreeOf={department?.id} placeholder={t('org.department.noParent')} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('org.department.sortOrder')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      {department && (
        <Form.Item name="headUserId" label={t('org.department.head')}>
          <UserSelect />
        </Form.Item>
      )}
    </FormModal>
  );
}
