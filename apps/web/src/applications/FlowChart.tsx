import { useId, useMemo, type KeyboardEvent } from 'react';
import { Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FlowDefinition, FormDefinition } from '@henji/contracts';
import { START_NODE_ID, layoutFlow, type LayoutEdge, type LayoutNode } from './flow-layout.ts';
import { useFlowText } from './flow-text.ts';
import { fitText, textWidth } from './text-fit.ts';

/**
 * Props of the flowchart. Stable: the flow designer (flow-admin) uses the same component, with `onNodeClick` and
 * `selectedNodeId` to edit a node.
 */
export interface FlowChartProps {
  flow: FlowDefinition;
  /** The form the flow belongs to, so conditions read "金额 ≥ ¥10,000.00" instead of "amount gte 10000". */
  form?: FormDefinition;
  /** Nodes where the application waits now: highlighted. */
  activeNodeIds?: readonly string[];
  /** Nodes already passed: greyed green. */
  doneNodeIds?: readonly string[];
  /** A node outlined as chosen (the designer's node being edited). */
  selectedNodeId?: string | null;
  /** Makes definition nodes clickable (and focusable); the synthetic start node is not. */
  onNodeClick?: (nodeId: string) => void;
  /** Show the legend of active and done nodes; on by default when either is given. */
  legend?: boolean;
}

interface Palette {
  fill: string;
  stroke: string;
  text: string;
}

const PALETTE: Record<LayoutNode['kind'], Palette> = {
  start: { fill: '#f6ffed', stroke: '#52c41a', text: '#135200' },
  approval: { fill: '#e6f4ff', stroke: '#1677ff', text: '#002c8c' },
  condition: { fill: '#fff7e6', stroke: '#fa8c16', text: '#873800' },
  parallel: { fill: '#595959', stroke: '#434343', text: '#ffffff' },
  join: { fill: '#595959', stroke: '#434343', text: '#ffffff' },
  cc: { fill: '#f9f0ff', stroke: '#722ed1', text: '#391085' },
  notify: { fill: '#e6fffb', stroke: '#13c2c2', text: '#00474f' },
  action: { fill: '#f0f5ff', stroke: '#2f54eb', text: '#061178' },
  end: { fill: '#fafafa', stroke: '#8c8c8c', text: '#434343' },
};
const ACTIVE: Palette = { fill: '#fff1b8', stroke: '#fa8c16', text: '#613400' };
const DONE: Palette = { fill: '#f6ffed', stroke: '#95de64', text: '#8c8c8c' };
const EDGE = '#8c8c8c';
const EDGE_DONE = '#95de64';
const SELECTED = '#eb2f96';

const NAME_SIZE = 13;
const DETAIL_SIZE = 11;
const LABEL_SIZE = 11;
const LABEL_MAX_WIDTH = 140;

/**
 * 流程公示: a flow definition as an SVG flowchart. Approvals are boxes with the approver in words, conditions diamonds
 * with their branches labelled, parallel branches open and close on bars; the applicant's submission is the start.
 * The drawing keeps its natural size and scrolls inside its container; it shrinks to fit a narrower one.
 */
export function FlowChart({ flow, form, activeNodeIds = [], doneNodeIds = [], selectedNodeId = null, onNodeClick, legend }: FlowChartProps) {
  const { t } = useTranslation();
  const text = useFlowText(form);
  const layout = useMemo(() => layoutFlow(flow), [flow]);
  const markerId = `${useId().replace(/:/g, '')}-arrow`;
  const active = new Set(activeNodeIds);
  const done = new Set(doneNodeIds);
  if (done.size > 0 || active.size > 0) done.add(START_NODE_ID);
  const nodeById = new Map(layout.nodes.map((n) => [n.id, n]));

  const paletteOf = (node: LayoutNode): Palette => (active.has(node.id) ? ACTIVE : done.has(node.id) ? DONE : PALETTE[node.kind]);

  const edgeLabel = (edge: LayoutEdge): string => {
    const from = nodeById.get(edge.from)?.node;
    if (from?.type !== 'condition' || (edge.kind !== 'branch' && edge.kind !== 'otherwise')) return '';
    return text.branchLabel(from, edge.branchIndex);
  };

  const showLegend = legend ?? (active.size > 0 || done.size > 0);

  return (
    <div style={{ overflow: 'auto', maxWidth: '100%' }} data-testid="flow-chart">
      <svg
        role="img"
        aria-label={t('applications.flow.chartLabel')}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        style={{ maxWidth: '100%', height: 'auto', display: 'block', margin: '0 auto' }}
      >
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill={EDGE} />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <EdgePath key={`${edge.from}>${edge.to}>${edge.kind}>${edge.branchIndex ?? ''}`} edge={edge} label={edgeLabel(edge)} done={done.has(edge.from) && (done.has(edge.to) || active.has(edge.to))} markerId={markerId} />
        ))}
        {layout.nodes.map((node) => (
          <NodeShape
            key={node.id}
            node={node}
            name={node.node?.name ?? t('applications.flow.start')}
            detail={node.node ? text.nodeDetail(node.node) : ''}
            palette={paletteOf(node)}
            emphasised={active.has(node.id)}
            selected={selectedNodeId === node.id}
            onClick={onNodeClick && node.node ? () => onNodeClick(node.id) : undefined}
          />
        ))}
      </svg>
      {showLegend && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Space size="large">
            <LegendSwatch palette={ACTIVE} label={t('applications.flow.legendActive')} />
            <LegendSwatch palette={DONE} label={t('applications.flow.legendDone')} />
          </Space>
        </Flex>
      )}
    </div>
  );
}

function LegendSwatch({ palette, label }: { palette: Palette; label: string }) {
  return (
    <Space size={4}>
      <span style={{ display: 'inline-block', width: 14, height: 14, background: palette.fill, border: `2px solid ${palette.stroke}`, borderRadius: 3 }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
    </Space>
  );
}

function EdgePath({ edge, label, done, markerId }: { edge: LayoutEdge; label: string; done: boolean; markerId: string }) {
  const d = edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
  const shown = label ? fitText(label, LABEL_MAX_WIDTH, LABEL_SIZE) : '';
  const width = Math.min(LABEL_MAX_WIDTH, textWidth(shown, LABEL_SIZE)) + 14;
  return (
    <g>
      <path d={d} fill="none" stroke={done ? EDGE_DONE : EDGE} strokeWidth={1.5} markerEnd={`url(#${markerId})`} />
      {shown && (
        <g>
          <title>{label}</title>
          <rect x={edge.labelAt.x - width / 2} y={edge.labelAt.y - 9} width={width} height={18} rx={9} fill="#ffffff" stroke="#ffd591" />
          <text x={edge.labelAt.x} y={edge.labelAt.y + 4} fontSize={LABEL_SIZE} textAnchor="middle" fill="#873800">
            {shown}
          </text>
        </g>
      )}
    </g>
  );
}

interface NodeShapeProps {
  node: LayoutNode;
  name: string;
  detail: string;
  palette: Palette;
  emphasised: boolean;
  selected: boolean;
  onClick: (() => void) | undefined;
}

function NodeShape({ node, name, detail, palette, emphasised, selected, onClick }: NodeShapeProps) {
  const { x, y, width: w, height: h } = node;
  const stroke = selected ? SELECTED : palette.stroke;
  const strokeWidth = selected || emphasised ? 3 : 1.5;
  const left = x - w / 2;
  const top = y - h / 2;

  let shape;
  switch (node.kind) {
    case 'condition':
      shape = <polygon points={`${x},${top} ${left + w},${y} ${x},${top + h} ${left},${y}`} fill={palette.fill} stroke={stroke} strokeWidth={strokeWidth} />;
      break;
    case 'parallel':
    case 'join':
      shape = <rect x={left} y={top} width={w} height={h} rx={4} fill={palette.fill} stroke={stroke} strokeWidth={strokeWidth} />;
      break;
    case 'start':
    case 'end':
      shape = <rect x={left} y={top} width={w} height={h} rx={h / 2} fill={palette.fill} stroke={stroke} strokeWidth={strokeWidth} />;
      break;
    default:
      shape = (
        <rect
          x={left}
          y={top}
          width={w}
          height={h}
          rx={6}
          fill={palette.fill}
          stroke={stroke}
          strokeWidth={strokeWidth}
          strokeDasharray={node.kind === 'cc' || node.kind === 'notify' ? '5 3' : undefined}
        />
      );
  }

  // A diamond's usable width is half its width at the centre line; a bar's text fits on the bar.
  const room = node.kind === 'condition' ? w * 0.62 : w - 16;
  const bar = node.kind === 'parallel' || node.kind === 'join';
  const nameSize = bar ? DETAIL_SIZE : NAME_SIZE;
  const lines = detail && !bar && node.kind !== 'condition' ? [fitText(name, room, nameSize), fitText(detail, room, DETAIL_SIZE)] : [fitText(name, room, nameSize)];

  const onKeyDown = (event: KeyboardEvent) => {
    if (onClick && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onClick();
    }
  };

  return (
    <g
      data-node-id={node.id}
      role={onClick ? 'button' : undefined}
      tabIndex={onClick ? 0 : undefined}
      aria-label={onClick ? name : undefined}
      onClick={onClick}
      onKeyDown={onKeyDown}
      style={onClick ? { cursor: 'pointer' } : undefined}
    >
      <title>{detail ? `${name}\n${detail}` : name}</title>
      {shape}
      {lines.length === 1 ? (
        <text x={x} y={y + nameSize * 0.35} fontSize={nameSize} textAnchor="middle" fill={palette.text} fontWeight={bar ? 400 : 500}>
          {lines[0]}
        </text>
      ) : (
        <>
          <text x={x} y={y - 4} fontSize={nameSize} textAnchor="middle" fill={palette.text} fontWeight={500}>
            {lines[0]}
          </text>
          <text x={x} y={y + 14} fontSize={DETAIL_SIZE} textAnchor="middle" fill={palette.text} opacity={0.8}>
            {lines[1]}
          </text>
        </>
      )}
    </g>
  );
}
