import { useState, type DragEvent } from 'react';
import { App, Badge, Button, Dropdown, Empty, Flex, Select, Skeleton, Space, Tag, Typography, type MenuProps } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TaskBoard as Board, TrackedTaskSummary } from '@henji/contracts';
import { TRACKED_TASK_STATUSES, type TaskActionName, type TrackedTaskStatus } from '@henji/contracts/values';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useTaskBoard, type TaskListQuery } from './api.ts';
import { dropOf, type Drop } from './board-moves.ts';
import { TaskActionModal } from './TaskActionModal.tsx';
import { TaskFlags, TaskStatusTag } from './tags.tsx';
import styles from './TaskBoard.module.css';

interface TaskBoardProps {
  filters: Pick<TaskListQuery, 'q' | 'source' | 'ownerId' | 'departmentId'>;
  pickDepartment: (id: string) => void;
  open: (id: string) => void;
}

/**
 * 看板: one department's tasks in columns by status. A card moves by dragging it to another column or through its
 * 移至… menu (keyboard and phones); either way the move opens the form of the task action it stands for, and a move
 * no action makes, or one the reader may not make, is refused with the reason.
 */
export function TaskBoard({ filters, pickDepartment, open }: TaskBoardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const board = useTaskBoard({ departmentId: filters.departmentId, source: filters.source, ownerId: filters.ownerId, q: filters.q });
  const [dragging, setDragging] = useState<TrackedTaskSummary | null>(null);
  const [over, setOver] = useState<TrackedTaskStatus | null>(null);
  const [acting, setActing] = useState<{ task: TrackedTaskSummary; action: TaskActionName } | null>(null);

  const refusal = (task: TrackedTaskSummary, to: TrackedTaskStatus, drop: Exclude<Drop, { ok: true }>) => {
    const names = { from: t(`tasks.status.${task.status}`), to: t(`tasks.status.${to}`) };
    return drop.reason === 'not_allowed' ? t(`tasks.board.notAllowed.${drop.action}`) : t('tasks.board.noAction', names);
  };

  const move = (task: TrackedTaskSummary, to: TrackedTaskStatus) => {
    const drop = dropOf(task, to);
    if (drop.ok) setActing({ task, action: drop.action });
    else if (drop.reason !== 'same') void message.warning(refusal(task, to, drop));
  };

  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  if (board.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  const data: Board = board.data;

  const departmentOptions = data.departments.map((d) => ({ value: d.id, label: t('tasks.board.departmentOption', { name: d.name, count: d.open }) }));
  if (data.department && !data.departments.some((d) => d.id === data.department?.id)) departmentOptions.unshift({ value: data.department.id, label: data.department.name });

  const header = (
    <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('tasks.board.department')}</Typography.Text>
      {departmentOptions.length > 1 ? (
        <Select
          value={data.department?.id}
          options={departmentOptions}
          onChange={pickDepartment}
          style={{ minWidth: 200 }}
          aria-label={t('tasks.board.department')}
          data-testid="board-department"
        />
      ) : (
        <Typography.Text data-testid="board-department">{data.department?.name ?? '—'}</Typography.Text>
      )}
      <Typography.Text type="secondary">{t('tasks.board.hint')}</Typography.Text>
    </Flex>
  );

  if (!data.department) return <Empty description={t('tasks.board.noDepartment')} />;

  const columnClass = (status: TrackedTaskStatus) => {
    if (!dragging || over !== status || dragging.status === status) return styles.column;
    return `${styles.column} ${dropOf(dragging, status).ok ? styles.accepts : styles.refuses}`;
  };

  const onDrop = (status: TrackedTaskStatus) => (event: DragEvent) => {
    event.preventDefault();
    const task = dragging;
    setDragging(null);
    setOver(null);
    if (task) move(task, status);
  };

  return (
    <>
      {header}
      <div className={styles.board} data-testid="task-board">
        {data.columns.map((column) => (
          <section
            key={column.status}
            className={columnClass(column.status)}
            aria-label={`${t(`tasks.status.${column.status}`)} ${column.total}`}
            data-testid={`board-column-${column.status}`}
            onDragOver={(event) => {
              // Every column takes the drop, so a refused move is answered rather than silently ignored.
              event.preventDefault();
              if (over !== column.status) setOver(column.status);
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={onDrop(column.status)}
          >
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <TaskStatusTag status={column.status} />
              <Badge count={column.total} showZero color={column.status === 'closed' ? 'green' : 'blue'} overflowCount={999} />
            </Flex>
            <Flex vertical gap={8}>
              {column.items.length === 0 && <Typography.Text type="secondary">{t('tasks.board.emptyColumn')}</Typography.Text>}
              {column.items.map((task) => (
                <BoardCard
                  key={task.id}
                  task={task}
                  dragging={dragging?.id === task.id}
                  onOpen={() => open(task.id)}
                  onMove={(to) => move(task, to)}
                  refusal={(to, drop) => refusal(task, to, drop)}
                  onDragStart={() => setDragging(task)}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                />
              ))}
              {column.total > column.items.length && (
                <Typography.Text type="secondary">{t('tasks.board.more', { count: column.total - column.items.length })}</Typography.Text>
              )}
            </Flex>
          </section>
        ))}
      </div>
      {acting && <TaskActionModal task={acting.task} action={acting.action} onClose={() => setActing(null)} />}
    </>
  );
}

interface BoardCardProps {
  task: TrackedTaskSummary;
  dragging: boolean;
  onOpen: () => void;
  onMove: (to: TrackedTaskStatus) => void;
  refusal: (to: TrackedTaskStatus, drop: Exclude<Drop, { ok: true }>) => string;
  onDragStart: () => void;
  onDragEnd: () => void;
}

function BoardCard({ task, dragging, onOpen, onMove, refusal, onDragStart, onDragEnd }: BoardCardProps) {
  const { t } = useTranslation();
  const others = TRACKED_TASK_STATUSES.filter((status) => status !== task.status);
  const items: MenuProps['items'] = others.map((to) => {
    const drop = dropOf(task, to);
    const label = t(`tasks.status.${to}`);
    return {
      key: to,
      disabled: !drop.ok,
      label: drop.ok ? (
        `${label} · ${t(`tasks.actions.${drop.action}`)}`
      ) : (
        <Flex vertical>
          <span>{label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal', maxWidth: 260 }}>
            {refusal(to, drop)}
          </Typography.Text>
        </Flex>
      ),
    };
  });
  const movable = others.some((to) => dropOf(task, to).ok);
  return (
    <div
      className={`${styles.card} ${dragging ? styles.dragging : ''}`}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', task.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      data-testid="board-card"
      data-task-id={task.id}
    >
      <Flex vertical gap={4}>
        <Typography.Link onClick={onOpen} strong>
          {task.title}
        </Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.number ?? ''}
        </Typography.Text>
        <Space size={4} wrap>
          {task.owner ? <span>{task.owner.displayName}</span> : <Tag color="orange">{t('tasks.noOwner')}</Tag>}
          <Typography.Text type={task.overdue && task.status !== 'closed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {task.deadline ? formatDateTime(task.deadline).slice(0, 16) : t('tasks.noDeadline')}
          </Typography.Text>
        </Space>
        <span>
          <TaskFlags task={task} />
        </span>
        <Dropdown
          menu={{
            items,
            onClick: ({ key }) => {
              const to = others.find((status) => status === key);
              if (to) onMove(to);
            },
          }}
          trigger={['click']}
        >
          <Button size="small" type={movable ? 'default' : 'text'} data-testid="board-move" aria-label={t('tasks.board.moveLabel', { title: task.title })}>
            {t('tasks.board.moveTo')} <DownOutlined />
          </Button>
        </Dropdown>
      </Flex>
    </div>
  );
}
