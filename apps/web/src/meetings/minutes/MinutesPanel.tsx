/**
 * 会议纪要 on the meeting page: where the minutes stand; for the recorder the editor (or 修订 once approved); for the
 * chair the submitted version with 批准 (distribution, feedback window) and 退回 (written comment); for every reader the
 * approved version, the versions list with each one's PDF and a comparison of any two, and feedback within its window.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, List, Select, Skeleton, Space, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, DiffOutlined, EditOutlined, FilePdfOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting, Minutes, MinutesVersion } from '@henji/contracts';
import { MINUTES_DEFAULT_FEEDBACK_DAYS, MINUTES_MAX_FEEDBACK_DAYS } from '@henji/contracts';
import { errorText } from '../../api/error-text.ts';
import { can } from '../../components/can.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useDepartments } from '../../org/api.ts';
import { buildDepartmentTree, type DepartmentNode } from '../../org/department-tree.ts';
import { afterMinutesChange, approveMinutes, minutesPdfUrl, returnMinutes, reviseMinutes, sendMinutesFeedback, useMinutes, useMinutesVersion, useVersionDiff } from './api.ts';
import { MinutesEditor } from './MinutesEditor.tsx';
import { DiffView, MinutesView } from './MinutesView.tsx';

type Dialog = 'approve' | 'return' | 'revise' | null;
const STATE_COLOURS = { submitted: 'processing', returned: 'warning', approved: 'success', superseded: 'default' } as const;

export function MinutesStatusTag({ status }: { status: Minutes['status'] }) {
  const { t } = useTranslation();
  const colour = status === 'approved' ? 'success' : status === 'submitted' ? 'processing' : status === 'returned' ? 'warning' : 'default';
  return <Tag color={colour}>{t(`meetingMinutes.status.${status ?? 'none'}`)}</Tag>;
}

export function MinutesPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const minutes = useMinutes(meeting.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [shown, setShown] = useState<number | null>(null);

  if (meeting.status === 'draft') return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetingMinutes.panel.notNoticed')} />;
  if (minutes.isPending) return <Skeleton active />;
  if (minutes.error) return <QueryError error={minutes.error} onRetry={() => void minutes.refetch()} compact />;
  const m = minutes.data;
  const writing = can(m, 'save') && m.draft !== null;
  const reviewing = can(m, 'approve');
  const readableVersions = m.versions.filter((v) => v.readable);
  const current = shown ?? (reviewing ? m.latestVersion : (m.approvedVersion ?? readableVersions.at(-1)?.version ?? null));

  return (
    <Flex vertical gap={16} data-testid="minutes-panel">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space wrap>
          <MinutesStatusTag status={m.status} />
          {m.approvedVersion !== null && <Typography.Text>{t('meetingMinutes.panel.approvedVersion', { n: m.approvedVersion })}</Typography.Text>}
          {m.distributionDepartments.length > 0 && (
            <Typography.Text type="secondary">{t('meetingMinutes.panel.distributedTo', { names: m.distributionDepartments.map((d) => d.name).join('、') })}</Typography.Text>
          )}
        </Space>
        <Space wrap>
          {reviewing && (
            <>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="minutes-approve">
                {t('meetingMinutes.panel.approve')}
              </Button>
              <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="minutes-return">
                {t('meetingMinutes.panel.return')}
              </Button>
            </>
          )}
          {can(m, 'revise') && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('revise')} data-testid="minutes-revise">
              {t('meetingMinutes.panel.revise')}
            </Button>
          )}
        </Space>
      </Flex>

      {writing ? (
        <MinutesEditor meetingId={meeting.id} minutes={m} />
      ) : current !== null ? (
        <VersionCard meetingId={meeting.id} minutes={m} version={current} reviewing={reviewing && current === m.latestVersion} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetingMinutes.panel.nothingYet')} />
      )}

      {m.versions.length > 0 && <Versions meetingId={meeting.id} minutes={m} onShow={setShown} />}
      {m.approvedVersion !== null && <Feedback meetingId={meeting.id} minutes={m} />}

      {dialog === 'approve' && <ApproveDialog meetingId={meeting.id} onClose={() => setDialog(null)} />}
      {dialog === 'return' && <TextDialog kind="return" meetingId={meeting.id} onClose={() => setDialog(null)} />}
      {dialog === 'revise' && <TextDialog kind="revise" meetingId={meeting.id} onClose={() => setDialog(null)} />}
    </Flex>
  );
}

function VersionCard({ meetingId, minutes, version, reviewing }: { meetingId: string; minutes: Minutes; version: number; reviewing: boolean }) {
  const { t } = useTranslation();
  const detail = useMinutesVersion(meetingId, version);
  return (
    <Card
      size="small"
      title={reviewing ? t('meetingMinutes.panel.reviewing', { n: version }) : t('meetingMinutes.panel.version', { n: version })}
      extra={
        <Button icon={<FilePdfOutlined />} href={minutesPdfUrl(meetingId, version)} target="_blank" rel="noopener" data-testid="minutes-pdf">
          {t('meetingMinutes.panel.pdf')}
        </Button>
      }
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.error ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} compact />
      ) : (
        <Flex vertical gap={8}>
          {detail.data.revisionNote && <Typography.Text type="secondary">{t('meetingMinutes.editor.revisionNote', { note: detail.data.revisionNote })}</Typography.Text>}
          <MinutesView content={detail.data.content} people={minutes.people} />
        </Flex>
      )}
    </Card>
  );
}

function Versions({ meetingId, minutes, onShow }: { meetingId: string; minutes: Minutes; onShow: (n: number) => void }) {
  const { t } = useTranslation();
  const readable = minutes.versions.filter((v) => v.readable).map((v) => v.version);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const diff = useVersionDiff(meetingId, to, from);
  const columns: TableColumnsType<MinutesVersion> = [
    { title: t('meetingMinutes.panel.columns.version'), key: 'version', render: (_: unknown, v) => t('meetingMinutes.panel.version', { n: v.version }) },
    { title: t('meetingMinutes.panel.columns.state'), key: 'state', render: (_: unknown, v) => <Tag color={STATE_COLOURS[v.state]}>{t(`meetingMinutes.versionState.${v.state}`)}</Tag> },
    { title: t('meetingMinutes.panel.columns.submitted'), key: 'submitted', render: (_: unknown, v) => t('meetingMinutes.panel.by', { name: v.submittedBy.displayName, at: formatDateTime(v.submittedAt) }) },
    {
      title: t('meetingMinutes.panel.columns.reviewed'),
      key: 'reviewed',
      render: (_: unknown, v) => (v.reviewedBy ? t('meetingMinutes.panel.by', { name: v.reviewedBy.displayName, at: formatDateTime(v.reviewedAt) }) : '—'),
    },
    { title: t('meetingMinutes.panel.columns.comment'), key: 'comment', render: (_: unknown, v) => [v.reviewComment, v.revisionNote].filter(Boolean).join(' / ') || '—' },
    { title: t('meetingMinutes.panel.columns.sha'), key: 'sha', render: (_: unknown, v) => <Typography.Text code copyable={{ text: v.contentSha256 }}>{v.contentSha256.slice(0, 12)}</Typography.Text> },
    {
      title: t('meetingMinutes.panel.columns.actions'),
      key: 'actions',
      render: (_: unknown, v) =>
        v.readable ? (
          <Space wrap>
            <Button size="small" onClick={() => onShow(v.version)}>
              {t('meetingMinutes.panel.view')}
            </Button>
            <Button size="small" icon={<FilePdfOutlined />} href={minutesPdfUrl(meetingId, v.version)} target="_blank" rel="noopener">
              {t('meetingMinutes.panel.pdf')}
            </Button>
            {readable.some((n) => n < v.version) && (
              <Button
                size="small"
                icon={<DiffOutlined />}
                onClick={() => {
                  setTo(v.version);
                  setFrom(Math.max(...readable.filter((n) => n < v.version)));
                }}
              >
                {t('meetingMinutes.panel.diff')}
              </Button>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  const options = readable.map((n) => ({ value: n, label: t('meetingMinutes.panel.version', { n }) }));
  return (
    <Card size="small" title={t('meetingMinutes.panel.versions')}>
      <Flex vertical gap={12}>
        <ResponsiveTable<MinutesVersion> cardTitle="version" rowKey={(v) => String(v.version)} columns={columns} dataSource={[...minutes.versions].reverse()} pagination={false} scroll={{ x: 'max-content' }} />
        {readable.length > 1 && (
          <Flex vertical gap={8}>
            <Typography.Text strong>{t('meetingMinutes.panel.diffTitle')}</Typography.Text>
            <Space wrap>
              <Select<number> style={{ minWidth: 120 }} aria-label={t('meetingMinutes.panel.diffFrom')} placeholder={t('meetingMinutes.panel.diffFrom')} value={from ?? undefined} onChange={setFrom} options={options} />
              →
              <Select<number> style={{ minWidth: 120 }} aria-label={t('meetingMinutes.panel.diffTo')} placeholder={t('meetingMinutes.panel.diffTo')} value={to ?? undefined} onChange={setTo} options={options} />
            </Space>
            {from !== null && to !== null && (diff.isPending ? <Skeleton active /> : diff.error ? <QueryError error={diff.error} compact /> : <DiffView diff={diff.data} />)}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function Feedback({ meetingId, minutes }: { meetingId: string; minutes: Minutes }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => sendMinutesFeedback(meetingId, body),
    onSuccess: async () => {
      setBody('');
      void message.success(t('meetingMinutes.panel.sent'));
      await afterMinutesChange(queryClient, meetingId);
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  const open = can(minutes, 'feedback');
  return (
    <Card size="small" title={t('meetingMinutes.panel.feedback')} extra={minutes.feedbackUntil && <Typography.Text type="secondary">{t('meetingMinutes.panel.feedbackUntil', { at: formatDateTime(minutes.feedbackUntil) })}</Typography.Text>}>
      <Flex vertical gap={12}>
        {minutes.feedback.length === 0 ? (
          <Typography.Text type="secondary">{t('meetingMinutes.panel.noFeedback')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={minutes.feedback}
            renderItem={(f) => (
              <List.Item>
                <Flex vertical>
                  <Typography.Text type="secondary">{t('meetingMinutes.panel.by', { name: f.author.displayName, at: formatDateTime(f.createdAt) })}</Typography.Text>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{f.body}</span>
                </Flex>
              </List.Item>
            )}
          />
        )}
        {open ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (body.trim()) send.mutate();
            }}
          >
            <Flex vertical gap={8}>
              <Input.TextArea
                value={body}
                maxLength={2000}
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder={t('meetingMinutes.panel.feedbackPlaceholder')}
                aria-label={t('meetingMinutes.panel.feedback')}
                onChange={(e) => setBody(e.target.value)}
                data-testid="minutes-feedback-body"
              />
              <Flex justify="flex-end">
                <Button type="primary" htmlType="submit" loading={send.isPending} disabled={!body.trim()} data-testid="minutes-feedback-send">
                  {t('meetingMinutes.panel.sendFeedback')}
                </Button>
              </Flex>
            </Flex>
          </form>
        ) : (
          minutes.feedbackUntil && <Typography.Text type="secondary">{t('meetingMinutes.panel.feedbackClosed')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

interface DepartmentOption {
  value: string;
  title: string;
  children?: DepartmentOption[];
}

interface ApproveValues {
  distributionDepartmentIds: string[];
  feedbackDays: number;
  comment?: string;
}

function ApproveDialog({ meetingId, onClose }: { meetingId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ApproveValues>();
  const departments = useDepartments();
  const toOption = (node: DepartmentNode): DepartmentOption => ({
    value: node.id,
    title: node.name,
    ...(node.children ? { children: node.children.map(toOption) } : {}),
  });
  const approve = useMutation({
    mutationFn: (values: ApproveValues) => approveMinutes(meetingId, { distributionDepartmentIds: values.distributionDepartmentIds ?? [], feedbackDays: values.feedbackDays, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) }),
    onSuccess: async () => {
      void message.success(t('meetingMinutes.panel.approvedMessage'));
      await afterMinutesChange(queryClient, meetingId);
      onClose();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <FormModal<ApproveValues>
      title={t('meetingMinutes.panel.approveTitle')}
      form={form}
      initialValues={{ distributionDepartmentIds: [], feedbackDays: MINUTES_DEFAULT_FEEDBACK_DAYS }}
      submitting={approve.isPending}
      onSubmit={(values) => approve.mutate(values)}
      onClose={onClose}
      okText={t('meetingMinutes.panel.approve')}
    >
      <Form.Item name="distributionDepartmentIds" label={t('meetingMinutes.panel.distribution')} extra={t('meetingMinutes.panel.distributionHelp')}>
        <TreeSelect<string[]>
          multiple
          treeData={buildDepartmentTree((departments.data ?? []).filter((d) => d.active)).map(toOption)}
          loading={departments.isPending}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          allowClear
        />
      </Form.Item>
      <Form.Item name="feedbackDays" label={t('meetingMinutes.panel.feedbackDays')} rules={[{ required: true }]}>
        <InputNumber min={0} max={MINUTES_MAX_FEEDBACK_DAYS} precision={0} />
      </Form.Item>
      <Form.Item name="comment" label={t('meetingMinutes.panel.comment')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

function TextDialog({ kind, meetingId, onClose }: { kind: 'return' | 'revise'; meetingId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const act = useMutation({
    mutationFn: (text: string) => (kind === 'return' ? returnMinutes(meetingId, text) : reviseMinutes(meetingId, text)),
    onSuccess: async () => {
      void message.success(t(kind === 'return' ? 'meetingMinutes.panel.returnedMessage' : 'meetingMinutes.panel.revisedMessage'));
      await afterMinutesChange(queryClient, meetingId);
      onClose();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  return (
    <FormModal<{ text: string }>
      title={t(kind === 'return' ? 'meetingMinutes.panel.returnTitle' : 'meetingMinutes.panel.reviseTitle')}
      form={form}
      submitting={act.isPending}
      onSubmit={(values) => act.mutate(values.text.trim())}
      onClose={onClose}
      okText={t(kind === 'return' ? 'meetingMinutes.panel.return' : 'meetingMinutes.panel.revise')}
    >
      {kind === 'revise' && <Descriptions size="small" column={1} items={[{ key: 'help', children: t('meetingMinutes.panel.reviseHelp') }]} />}
      <Form.Item
        name="text"
        label={t(kind === 'return' ? 'meetingMinutes.panel.returnComment' : 'meetingMinutes.panel.reviseNote')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="minutes-dialog-text" />
      </Form.Item>
    </FormModal>
  );
}
