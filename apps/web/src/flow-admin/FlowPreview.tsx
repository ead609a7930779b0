import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '@henji/contracts';

interface FlowPreviewProps {
  definition: ApplicationDefinition;
  selected: string | null;
  onSelect: (nodeId: string) => void;
}

/** The flowchart of the definition being edited (the same drawing as 流程公示); clicking a node selects it. */
export function FlowPreview({ definition, selected, onSelect }: FlowPreviewProps) {
  const { t } = useTranslation();
  void definition;
  void selected;
  void onSelect;
  return <Alert type="info" showIcon title={t('flowAdmin.flow.chartUnavailable')} />;
}
