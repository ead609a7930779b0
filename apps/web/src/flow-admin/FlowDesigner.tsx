import { App, Button, Card, Col, Collapse, Dropdown, Empty, Flex, List, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, FlowDefinition, FlowNodeType } from '@henji/contracts';
import { insertNode, moveNode, removeNode, renameNode, replaceNode } from './flow-edit.ts';
import { FlowPreview } from './FlowPreview.tsx';
import { FlowSettings } from './FlowSettings.tsx';
import { useNodeNames } from './labels.ts';
import { NODE_TYPES } from './node-skeleton.ts';
import { NodeEditor } from './NodeEditor.tsx';
import { messagesAt, problemsOf, type Problem } from './problem-path.ts';

interface FlowDesignerProps {
  definition: ApplicationDefinition;
  onChange?: (definition: ApplicationDefinition) => void;
  selected: string | null;
  onSelect: (nodeId: string | null) => void;
  problems: readonly Problem[];
  /** Whether the flow settings (start, calendar, emergency) are unfolded; a problem about them unfolds them. */
  settingsOpen: boolean;
  onSettingsOpen: (open: boolean) => void;
}

/** 流程设计: the nodes as a list, the selected node's settings, and the flowchart they make. */
export function FlowDesigner({ definition, onChange, selected, onSelect, problems, settingsOpen, onSettingsOpen }: FlowDesignerProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const names = useNodeNames();
  const { flow } = definition;
  const node = flow.nodes.find((n) => n.id === selected);
  const readOnly = !onChange;

  const nodeProblems = (id: string) => problemsOf(definition, problems, (p) => p.area === 'node' && p.nodeId === id);
  const flowProblems = problemsOf(definition, problems, (p) => p.area === 'flow');
  const setFlow = (next: FlowDefinition) => onChange?.({ ...definition, flow: next });

  const add = (type: FlowNodeType) => {
    const { flow: next, id } = insertNode(flow, definition.form, type, names, selected ?? undefined);
    setFlow(next);
    onSelect(id);
  };

  const remove = (id: string) => {
    const target = flow.nodes.find((n) => n.id === id);
    modal.confirm({
      title: t('flowAdmin.flow.deleteConfirm', { name: target?.name ?? id }),
      okButtonProps: { danger: true },
      onOk: () => {
        setFlow(removeNode(flow, id));
        if (selected === id) onSelect(null);
      },
    });
  };

  const addMenu = {
    items: NODE_TYPES.map((type) => ({ key: type, label: t(`flowAdmin.flow.types.${type}`) })),
    onClick: ({ key }: { key: string }) => add(key as FlowNodeType),
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={6}>
        <Card
          size="small"
          title={t('flowAdmin.flow.nodes')}
          extra={
            !readOnly && (
              <Tooltip title={t('flowAdmin.flow.addNodeHint')}>
                <Dropdown menu={addMenu} trigger={['click']}>
                  <Button size="small" type="primary" icon={<PlusOutlined />} disabled={flow.nodes.length >= 100}>
                    {t('flowAdmin.flow.addNode')}
                  </Button>
                </Dropdown>
              </Tooltip>
            )
          }
        >
          <List
            size="small"
            dataSource={flow.nodes}
            renderItem={(item, index) => (
              <List.Item
                onClick={() => onSelect(item.id)}
                style={{ cursor: 'pointer', background: item.id === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
                data-testid="designer-node"
                actions={
                  readOnly
                    ? []
                    : [
                        <Space size={0} key="tools" onClick={(e) => e.stopPropagation()}>
                          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('flowAdmin.flow.moveUp')} disabled={index === 0} onClick={() => setFlow(moveNode(flow, item.id, -1))} />
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            aria-label={t('flowAdmin.flow.moveDown')}
                            disabled={index === flow.nodes.length - 1}
                            onClick={() => setFlow(moveNode(flow, item.id, 1))}
                          />
                          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('flowAdmin.flow.source.remove')} onClick={() => remove(item.id)} />
                        </Space>,
                      ]
                }
              >
                <Flex vertical style={{ minWidth: 0 }}>
                  <Space size={4}>
                    <Typography.Text strong ellipsis>
                      {item.name}
                    </Typography.Text>
                    {nodeProblems(item.id).length > 0 && <Tag color="red">!</Tag>}
                  </Space>
                  <Space size={4}>
                    {flow.start === item.id && <Tag color="green">{t('flowAdmin.flow.startTag')}</Tag>}
                    <Tag>{t(`flowAdmin.flow.types.${item.type}`)}</Tag>
                    <Typography.Text type="secondary" code ellipsis={{ tooltip: item.id }} style={{ maxWidth: 110 }}>
                      {item.id}
                    </Typography.Text>
                  </Space>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        <Collapse
          style={{ marginTop: 16 }}
          size="small"
          activeKey={settingsOpen ? ['settings'] : []}
          onChange={(keys) => onSettingsOpen(keys.includes('settings'))}
          items={[
            {
              key: 'settings',
              label: (
                <Space>
                  {t('flowAdmin.flow.settings')}
                  {flowProblems.length > 0 && <Tag color="red">!</Tag>}
                </Space>
              ),
              children: <FlowSettings definition={definition} onChange={onChange} messagesAt={(p, exact) => messagesAt(flowProblems, p, exact)} />,
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={node ? `${node.name} (${node.id})` : t('flowAdmin.flow.nodes')}>
          {node ? (
            <NodeEditor
              key={node.id}
              definition={definition}
              node={node}
              messagesAt={(p, exact) => messagesAt(nodeProblems(node.id), p, exact)}
              onChange={onChange && ((next) => setFlow(replaceNode(flow, node.id, next)))}
              onRename={
                onChange &&
                ((id) => {
                  setFlow(renameNode(flow, node.id, id));
                  onSelect(id);
                })
              }
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowAdmin.flow.noSelection')} />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('flowAdmin.flow.chart')}>
          <FlowPreview definition={definition} selected={selected} onSelect={onSelect} />
        </Card>
      </Col>
    </Row>
  );
}
