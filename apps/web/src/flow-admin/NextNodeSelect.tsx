import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition } from '@henji/contracts';

interface NextNodeSelectProps {
  flow: FlowDefinition;
  value: string;
  onChange?: (id: string) => void;
  /** The node being edited, which cannot lead to itself. */
  self?: string;
  status?: 'error';
  style?: CSSProperties;
}

/** Chooses a node of the flow by name; a reference to a node that no longer exists is shown as such. */
export function NextNodeSelect({ flow, value, onChange, self, status, style }: NextNodeSelectProps) {
  const { t } = useTranslation();
  const options = flow.nodes
    .filter((n) => n.id !== self)
    .map((n) => ({ value: n.id, label: `${n.name} · ${t(`flowAdmin.flow.types.${n.type}`)} (${n.id})` }));
  // A reference left by a deleted or renamed node: say so, rather than let the select show a label it remembers.
  if (value && !flow.nodes.some((n) => n.id === value)) options.unshift({ value, label: t('flowAdmin.flow.missingNode', { id: value }) });
  return (
    <Select<string>
      value={value || undefined}
      status={status}
      disabled={!onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      onChange={(id) => onChange?.(id)}
      style={{ minWidth: 220, ...style }}
    />
  );
}
