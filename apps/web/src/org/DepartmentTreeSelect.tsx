import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '@henji/contracts';
import { useDepartments } from './api.ts';
import { buildDepartmentTree, subtreeIds, type DepartmentNode } from './department-tree.ts';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

interface DepartmentTreeSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Disables this department and its subtree (choosing a parent for it). */
  excludeSubtreeOf?: string;
  placeholder?: string;
  id?: string;
}

/** Department picker in tree form; works as an Ant Design Form control (value/onChange, null when cleared). */
export function DepartmentTreeSelect({ value, onChange, excludeSubtreeOf, placeholder, id }: DepartmentTreeSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const list: Department[] = departments.data ?? [];
  const excluded = excludeSubtreeOf ? subtreeIds(list, excludeSubtreeOf) : new Set<string>();

  const toOption = (node: DepartmentNode): TreeOption => ({
    value: node.id,
    title: node.active ? `${node.name} (${node.code})` : `${node.name} (${node.code}) · ${t('common.inactive')}`,
    disabled: excluded.has(node.id),
    ...(node.children ? { children: node.children.map(toOption) } : {}),
  });

  return (
    <TreeSelect<string>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={buildDepartmentTree(list).map(toOption)}
      loading={departments.isPending}
      placeholder={placeholder ?? t('org.department.pick')}
      allowClear
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
