import { Button, Empty, Flex, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format.ts';
import { proofBundleUrl } from '../ledger/api.ts';
import { evidenceReportUrl } from '../print/links.ts';
import { TraceEntry } from '../ledger/TraceEntry.tsx';
import { useLedgerFeed } from '../ledger/use-ledger-feed.ts';
import { QueryError } from './QueryError.tsx';

interface TracePanelProps {
  subjectType: string;
  subjectId: string;
  /** Only the entries of one part of the subject's story (a meeting's replies, its sign-in …); the heading names it. */
  only?: { title: string; actions: (action: string) => boolean };
}

/**
 * 痕迹: every ledger entry about one subject, newest first, each checked in this browser against the signed
 * checkpoint. Used by every detail drawer.
 */
export function TracePanel({ subjectType, subjectId, only }: TracePanelProps) {
  const { t } = useTranslation();
  const feed = useLedgerFeed({ subjectType, subjectId });
  // Filtered here, from the subject's one feed (one cache entry, however many parts of the page show it).
  const entries = only ? feed.entries.filter((entry) => only.actions(entry.action)) : feed.entries;

  const header = (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {only?.title ?? t('trace.title')}
      </Typography.Title>
      <Flex gap={8} wrap justify="flex-end">
        <Tooltip title={t('print.reportTooltip')}>
          <Button size="small" icon={<FilePdfOutlined />} href={evidenceReportUrl(subjectType, subjectId)} download data-testid="trace-report">
            {t('print.report')}
          </Button>
        </Tooltip>
        <Tooltip title={t('trace.bundleTooltip')}>
          <Button size="small" icon={<DownloadOutlined />} href={proofBundleUrl(subjectType, subjectId)} download data-testid="trace-bundle">
            {t('trace.bundle')}
          </Button>
        </Tooltip>
      </Flex>
    </Flex>
  );

  let body;
  if (feed.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (feed.isError) body = <QueryError compact error={feed.error} onRetry={() => void feed.refetch()} />;
  else if (entries.length === 0 && !feed.hasNextPage) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trace.empty')} />;
  else
    body = (
      <>
        <Timeline
          data-testid="trace-timeline"
          items={entries.map((entry) => ({
            key: entry.id,
            // The time sits above the entry rather than in the item title: a title column would halve the width
            // left for the diff table in a drawer.
            content: (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <time dateTime={entry.recordedAt}>{formatDateTime(entry.recordedAt)}</time>
                </Typography.Text>
                <TraceEntry entry={entry} />
              </>
            ),
          }))}
        />
        {feed.hasNextPage && (
          <Button block onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
            {t('trace.loadOlder')}
          </Button>
        )}
      </>
    );

  return (
    <section aria-label={only?.title ?? t('trace.title')} data-testid="trace-panel">
      {header}
      {body}
    </section>
  );
}
