/**
 * How a deadline is shown beside an item: the time, a popover that explains how it was counted (its body, with the
 * timeline, downloads when first opened — the inbox does not carry it), and a warning tag when the count ran into
 * years the calendar does not know.
 */
import { Suspense, type ReactNode } from 'react';
import { Popover, Spin, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format.ts';
import { lazyPart } from '../components/lazy-page.tsx';
import type { DeadlineExplanationProps } from './DeadlineExplanation.tsx';

const explanation = lazyPart(() => import('./DeadlineExplanation.tsx').then((m) => m.DeadlineExplanation));

/** A tag saying a deadline was counted into years whose holidays the calendar does not know; nothing otherwise. */
export function BeyondKnownRangeTag({ years, text, flagged = false }: { years: readonly number[]; text?: string; flagged?: boolean }) {
  const { t } = useTranslation();
  if (years.length === 0 && !flagged) return null;
  return (
    <Tooltip title={text ?? t('calendar.beyond.explain', { years: years.join(t('common.listSeparator')) })}>
      <Tag color="warning" icon={<WarningOutlined />} data-testid="deadline-beyond-known-range">
        {t('calendar.beyond.tag')}
      </Tag>
    </Tooltip>
  );
}

/** Wraps a deadline shown elsewhere (an approval step's SLA) with a "截止时间说明" popover. */
export function DeadlineExplanationPopover({ deadline, lines, beyondKnownRange = [], children }: DeadlineExplanationProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popover
      title={t('calendar.deadline.explanation')}
      content={
        <Suspense fallback={<Spin size="small" />}>
          <explanation.Part deadline={deadline} lines={lines} beyondKnownRange={beyondKnownRange} />
        </Suspense>
      }
      onOpenChange={(open) => open && explanation.preload()}
      trigger="click"
    >
      {children ?? (
        <Typography.Link>
          {beyondKnownRange.length > 0 ? <WarningOutlined style={{ color: '#faad14' }} /> : <ClockCircleOutlined />} {formatDateTime(deadline)}
        </Typography.Link>
      )}
    </Popover>
  );
}
