import type { ApplicationDefinition } from '@henji/contracts';
import { FlowChart } from '../applications/FlowChart.tsx';

interface FlowPreviewProps {
  definition: ApplicationDefinition;
  selected: string | null;
  onSelect: (nodeId: string) => void;
}

/**
 * The flowchart of the definition being edited — the same drawing employees see in the catalogue (流程公示) — with
 * the node being edited outlined; clicking a node selects it.
 */
export function FlowPreview({ definition, selected, onSelect }: FlowPreviewProps) {
  return (
    <div style={{ overflow: 'auto', maxHeight: 720 }} data-testid="designer-flowchart">
      <FlowChart flow={definition.flow} form={definition.form} selectedNodeId={selected} onNodeClick={onSelect} />
    </div>
  );
}
