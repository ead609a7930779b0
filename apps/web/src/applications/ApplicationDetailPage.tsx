import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Application } from '@henji/contracts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { TracePanel } from '../components/TracePanel.tsx';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import { ActionBar } from './ActionBar.tsx';
import { APPLICATION_SUBJECT, useApplication } from './api.ts';
import { AttachmentList } from '../files/AttachmentList.tsx';
import { FlowChart } from './FlowChart.tsx';
import { FormValues } from './FormValues.tsx';
import { FormVersionsCard } from './FormVersionsCard.tsx';
import { CopiesCard } from '../comfort/CopiesCard.tsx';
import { formatMoney } from './form-values.ts';
import { flowHighlights } from './progress.ts';
import { ProgressTimeline } from './ProgressTimeline.tsx';
import { StatusTag, UrgentTag } from './tags.tsx';
import { approvalSheetUrl } from '../print/links.ts';

/** 查询进度: one application — what was asked, where it is, who decided what, and its trace. */
export function ApplicationDetailPage() {
  const { id } = useParams();
  const application = useApplication(id);
  if (application.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (application.isError) return <QueryError error={application.error} onRetry={() => void application.refetch()} />;
  return <Detail application={application.data} />;
}

function Detail({ application }: { application: Application }) {
  const { t } = useTranslation();
  const highlights = flowHighlights(application.definition.flow, application.steps, application.status);

  return (
    <>
      <PageHeader
        title={application.title}
        description={
          <Space size={8} wrap>
            {application.number && <Typography.Text code>{application.number}</Typography.Text>}
            <span>{application.type.name}</span>
            <StatusTag status={application.status} />
            {application.urgent && <UrgentTag />}
            {application.emergencyState !== 'none' && <Tag color="magenta">{t(`applications.emergency.${application.emergencyState}`)}</Tag>}
          </Space>
        }
        extra={
          <Tooltip title={t('print.sheetTooltip')}>
            {/* A link, not a fetch: the browser opens the PDF in its viewer, from which it is printed or saved. */}
            <Button icon={<PrinterOutlined />} href={approvalSheetUrl(application.id)} target="_blank" rel="noopener" data-testid="print-sheet">
              {t('print.sheet')}
            </Button>
          </Tooltip>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('applications.detail.applicant')}>{application.initiator.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('applications.detail.department')}>{application.departmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('applications.detail.type')}>
              {application.type.name} · {t('applications.detail.version', { version: application.version })}
            </Descriptions.Item>
            <Descriptions.Item label={t('applications.detail.createdAt')}>{formatDateTime(application.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('applications.detail.submittedAt')}>{formatDateTime(application.submittedAt)}</Descriptions.Item>
            {application.completedAt && <Descriptions.Item label={t('applications.detail.completedAt')}>{formatDateTime(application.completedAt)}</Descriptions.Item>}
            {application.effectiveAt && <Descriptions.Item label={t('applications.detail.effectiveAt')}>{formatDate(application.effectiveAt)}</Descriptions.Item>}
            <Descriptions.Item label={<Tooltip title={t('applications.detail.formHashHelp')}>{t('applications.detail.formHash')}</Tooltip>}>
              <Typography.Text code copyable={{ text: application.formHash }} style={{ fontSize: 12 }}>
                {application.formHash.slice(0, 16)}…
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <div style={{ marginTop: 16 }}>
            <ActionBar application={application} />
          </div>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              {application.flags.map((flag) => (
                <Alert
                  key={flag.kind}
                  type="warning"
                  showIcon
                  data-testid="split-purchase"
                  message={t('applications.flags.split_purchase', { value: flag.value, days: flag.days, total: formatMoney(flag.total), threshold: formatMoney(flag.threshold), count: flag.others.length })}
                  description={flag.others.map((o) => `${o.number ?? o.title} · ${formatMoney(o.amount)} · ${formatDate(o.submittedAt)}`).join('；')}
                />
              ))}
              <Card title={application.formVersion > 1 ? t('applications.detail.formVersion', { version: application.formVersion }) : t('applications.detail.form')}>
                <FormValues definition={application.definition.form} values={application.form} attachments={application.attachments} />
              </Card>
              <FormVersionsCard application={application} />
              <Card title={t('applications.detail.attachments')} size="small">
                <AttachmentList files={application.attachments} />
              </Card>
              <Card title={t('applications.detail.comments')} size="small">
                <Comments comments={application.comments} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              <Card title={t('applications.detail.progress')}>
                <ProgressTimeline application={application} />
              </Card>
              <CopiesCard applicationId={application.id} />
              <Card title={t('applications.detail.flow')} size="small">
                <FlowChart flow={application.definition.flow} form={application.definition.form} activeNodeIds={highlights.active} doneNodeIds={highlights.done} />
              </Card>
            </Flex>
          </Col>
        </Row>
        <Card>
          <TracePanel subjectType={APPLICATION_SUBJECT} subjectId={application.id} />
        </Card>
      </Flex>
    </>
  );
}

function Comments({ comments }: { comments: Application['comments'] }) {
  const { t } = useTranslation();
  if (comments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('applications.detail.noComments')} />;
  return (
    <List
      size="small"
      dataSource={comments}
      data-testid="comments"
      renderItem={(comment) => (
        <List.Item>
          <Flex vertical gap={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {comment.onBehalfOf ? t('applications.detail.commentOnBehalf', { author: comment.author.displayName, principal: comment.onBehalfOf.displayName }) : comment.author.displayName}
              {' · '}
              {formatDateTime(comment.createdAt)}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{comment.body}</Typography.Paragraph>
          </Flex>
        </List.Item>
      )}
    />
  );
}
