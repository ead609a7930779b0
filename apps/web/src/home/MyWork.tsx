import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { FileDoneOutlined, FlagOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PersonalHome } from '@henji/contracts';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { fetchPersonal, homeKeys } from './api.ts';

/**
 * Each person's own work: what waits for their approval (with the longest-waiting items — an approver's pending and
 * overdue counts), their applications in progress and the tracked tasks they own.
 */
export function MyWork() {
  const { t } = useTranslation();
  const personal = useQuery({ queryKey: homeKeys.personal, queryFn: fetchPersonal });

  if (personal.isPending)
    return (
      <Card style={{ marginBottom: 16 }}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (personal.isError)
    return (
      <Card style={{ marginBottom: 16 }}>
        <QueryError error={personal.error} onRetry={() => void personal.refetch()} />
      </Card>
    );
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
          <Todos data={data} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Applications data={data} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Tasks data={data} />
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

function Todos({ data }: { data: PersonalHome }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('firstRun.mine.oldest')} extra={<Link to="/inbox">{t('firstRun.mine.allTodos')}</Link>} style={{ height: '100%' }} data-testid="home-todos">
      {data.todos.oldest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noTodos')} />
      ) : (
        <List
          size="small"
          dataSource={data.todos.oldest}
          renderItem={(todo) => (
            <List.Item key={todo.taskId}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Link to={`/applications/${todo.applicationId}`}>{todo.title}</Link>
                    {todo.overdue && <Tag color="red">{t('firstRun.mine.overdue')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    {todo.typeName} · {todo.nodeName} · {t('firstRun.mine.from', { name: todo.initiator.displayName })}
                    <br />
                    {t('firstRun.mine.receivedAt', { time: formatDateTime(todo.receivedAt) })}
                    {todo.deadline && ` · ${t('firstRun.mine.deadline', { time: formatDateTime(todo.deadline) })}`}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Applications({ data }: { data: PersonalHome }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('firstRun.mine.applications')}
      extra={<Link to="/applications">{t('firstRun.mine.allApplications')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-applications"
    >
      {data.applications.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noApplications')}>
          <Link to="/applications/catalog">
            <Button type="primary" size="small">
              {t('firstRun.mine.newApplication')}
            </Button>
          </Link>
        </Empty>
      ) : (
        <List
          size="small"
          dataSource={data.applications.items}
          renderItem={(app) => (
            <List.Item key={app.id}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Link to={`/applications/${app.id}`}>{app.title}</Link>
                    <Tag color={app.status === 'returned' ? 'orange' : app.status === 'draft' ? 'default' : 'processing'}>{t(`applications.status.${app.status}`)}</Tag>
                  </Space>
                }
                description={
                  <>
                    {app.number ? `${app.number} · ` : ''}
                    {app.typeName}
                    {app.waitingAt.length > 0 && ` · ${t('firstRun.mine.waitingAt', { nodes: app.waitingAt.join(t('common.listSeparator')) })}`}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Tasks({ data }: { data: PersonalHome }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('firstRun.mine.tasks')} extra={<Link to="/tasks">{t('firstRun.mine.allTasks')}</Link>} style={{ height: '100%' }} data-testid="home-tasks">
      {data.tasks.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('firstRun.mine.noTasks')} />
      ) : (
        <List
          size="small"
          dataSource={data.tasks.items}
          renderItem={(task) => (
            <List.Item key={task.id}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Link to={`/tasks?task=${task.id}`}>{task.title}</Link>
                    {task.overdue && <Tag color="red">{t('firstRun.mine.overdue')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    {task.number ? `${task.number} · ` : ''}
                    {t(`tasks.status.${task.status as 'in_progress'}`)} ·{' '}
                    {task.deadline ? t('firstRun.mine.deadline', { time: formatDateTime(task.deadline) }) : t('firstRun.mine.noDeadline')}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
