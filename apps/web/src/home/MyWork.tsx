import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { FileDoneOutlined, FlagOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format.ts';
import { fetchPersonal, homeKeys } from './api.ts';
import { SectionState } from './SectionState.tsx';

/**
 * Each person's own work: what waits for their approval (with the longest-waiting items — an approver's pending and
 * overdue counts), their applications in progress and the tracked tasks they own.
 */
export function MyWork() {
  const { t } = useTranslation();
  const personal = useQuery({ queryKey: homeKeys.personal, queryFn: fetchPersonal });

  if (personal.isPending || personal.isError) return <SectionState query={personal} />;
  const data = personal.data;
  return (
    <>
      <Row gutter={[16, 16]} align="stretch" style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <StatCard testId="stat-todos" to="/inbox" icon={<InboxOutlined />} title={t('firstRun.mine.todos')} value={data.todos.pending} overdue={data.todos.overdue} />
        </Col>
        <Col xs={12} md={8}>
          <StatCard testId="stat-applications" to="/applications" icon={<FileDoneOutlined />} title={t('firstRun.mine.applications')} value={data.applications.inProgress} />
        </Col>
        <Col xs={12} md={8}>
          <StatCard testId="stat-tasks" to="/tasks" icon={<FlagOutlined />} title={t('firstRun.mine.tasks')} value={data.tasks.open} overdue={data.tasks.overdue} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={8}>
          <ListCard
            testId="home-todos"
            title={t('firstRun.mine.oldest')}
            to="/inbox"
            toLabel={t('firstRun.mine.allTodos')}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noTodos')} />}
            items={data.todos.oldest.map((todo) => ({
              key: todo.taskId,
              to: `/applications/${todo.applicationId}`,
              label: todo.title,
              tag: todo.overdue && <Tag color="red">{t('firstRun.mine.overdue')}</Tag>,
              description: (
                <>
                  {todo.typeName} · {todo.nodeName} · {t('firstRun.mine.from', { name: todo.initiator.displayName })}
                  <br />
                  {t('firstRun.mine.receivedAt', { time: formatDateTime(todo.receivedAt) })}
                  {todo.deadline && ` · ${t('firstRun.mine.deadline', { time: formatDateTime(todo.deadline) })}`}
                </>
              ),
            }))}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ListCard
            testId="home-applications"
            title={t('firstRun.mine.applications')}
            to="/applications"
            toLabel={t('firstRun.mine.allApplications')}
            empty={
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noApplications')}>
                <Link to="/applications/catalog">
                  <Button type="primary" size="small">
                    {t('firstRun.mine.newApplication')}
                  </Button>
                </Link>
              </Empty>
            }
            items={data.applications.items.map((app) => ({
              key: app.id,
              to: `/applications/${app.id}`,
              label: app.title,
              tag: <Tag color={app.status === 'returned' ? 'orange' : app.status === 'draft' ? 'default' : 'processing'}>{t(`applications.status.${app.status}`)}</Tag>,
              description: (
                <>
                  {app.number ? `${app.number} · ` : ''}
                  {app.typeName}
                  {app.waitingAt.length > 0 && ` · ${t('firstRun.mine.waitingAt', { nodes: app.waitingAt.join(t('common.listSeparator')) })}`}
                </>
              ),
            }))}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ListCard
            testId="home-tasks"
            title={t('firstRun.mine.tasks')}
            to="/tasks"
            toLabel={t('firstRun.mine.allTasks')}
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noTasks')} />}
            items={data.tasks.items.map((task) => ({
              key: task.id,
              to: `/tasks?task=${task.id}`,
              label: task.title,
              tag: task.overdue && <Tag color="red">{t('firstRun.mine.overdue')}</Tag>,
              description: (
                <>
                  {task.number ? `${task.number} · ` : ''}
                  {t(`tasks.status.${task.status as 'in_progress'}`)} ·{' '}
                  {task.deadline ? t('firstRun.mine.deadline', { time: formatDateTime(task.deadline) }) : t('firstRun.mine.noDeadline')}
                </>
              ),
            }))}
          />
        </Col>
      </Row>
    </>
  );
}

function StatCard({ title, value, overdue, icon, to, testId }: { title: string; value: number; overdue?: number; icon: ReactNode; to: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} style={{ display: 'block', height: '100%' }} data-testid={testId}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value} prefix={icon} />
        {overdue !== undefined && (
          <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'}>
            {t('firstRun.mine.overdue')} {overdue}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

interface ListCardItem {
  key: string;
  to: string;
  label: string;
  tag: ReactNode;
  description: ReactNode;
}

/** One of the three lists under the numbers: a few items linking to their pages, a link to the whole list, or `empty`. */
function ListCard({ title, to, toLabel, testId, items, empty }: { title: string; to: string; toLabel: string; testId: string; items: ListCardItem[]; empty: ReactNode }) {
  return (
    <Card size="small" title={title} extra={<Link to={to}>{toLabel}</Link>} style={{ height: '100%' }} data-testid={testId}>
      {items.length === 0 ? (
        empty
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item key={item.key}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Link to={item.to}>{item.label}</Link>
                    {item.tag}
                  </Space>
                }
                description={item.description}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
