import { Alert, List, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition } from '@henji/contracts';
import { errorText } from '../api/error-text.ts';
import { problemTarget, type Problem, type ProblemTarget } from './problem-path.ts';

interface ProblemsPanelProps {
  definition: ApplicationDefinition;
  problems: readonly Problem[];
  checking: boolean;
  error: unknown;
  /** Select what a problem is about (switching to its tab). */
  onOpen: (target: ProblemTarget) => void;
}

/** 发布检查: what would stop this definition from being published, each entry leading to the node or field concerned. */
export function ProblemsPanel({ definition, problems, checking, error, onOpen }: ProblemsPanelProps) {
  const { t } = useTranslation();

  const where = (target: ProblemTarget): string => {
    switch (target.area) {
      case 'node':
        return definition.flow.nodes.find((n) => n.id === target.nodeId)?.name ?? target.nodeId;
      case 'field':
        return definition.form.fields[target.index]?.label ?? target.key ?? '';
      case 'flow':
        return t('flowAdmin.check.flowSettings');
      case 'form':
        return t('flowAdmin.check.form');
    }
  };

  if (error) return <Alert type="warning" showIcon title={t('flowAdmin.check.failed', { error: errorText(t, error) })} />;
  if (problems.length === 0) {
    return checking ? (
      <Alert type="info" showIcon icon={<Spin size="small" />} title={t('flowAdmin.check.checking')} />
    ) : (
      <Alert type="success" showIcon title={t('flowAdmin.check.ok')} data-testid="check-ok" />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="check-problems"
      title={
        <>
          {t('flowAdmin.check.count', { count: problems.length })}
          {checking && <Spin size="small" style={{ marginInlineStart: 8 }} />}
        </>
      }
      description={
        <List
          size="small"
          split={false}
          style={{ maxHeight: 180, overflowY: 'auto' }}
          dataSource={problems.map((p) => ({ ...p, target: problemTarget(definition, p.path) }))}
          renderItem={(p) => (
            <List.Item style={{ padding: '2px 0' }}>
              <Typography.Link onClick={() => onOpen(p.target)}>
                <Typography.Text strong>{where(p.target)}</Typography.Text>
                {' · '}
                {p.message}{' '}
                <Typography.Text type="secondary" code>
                  {p.path}
                </Typography.Text>
              </Typography.Link>
            </List.Item>
          )}
        />
      }
    />
  );
}
