import type { ReactNode } from 'react';
import { Alert, Flex, Popover, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format.ts';

export interface DeadlineExplanationProps {
  /** The deadline as an ISO instant. */
  deadline: string;
  /** The explanation sentences the server rendered in the page's language (`text` of a deadline). */
  lines: readonly string[];
  /** Years the count reached whose holidays the calendar did not know: the deadline may be wrong. */
  beyondKnownRange?: readonly number[];
}

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

/** A deadline and, step by step, how it was counted on the business calendar (K6). */
export function DeadlineExplanation({ deadline, lines, beyondKnownRange = [] }: DeadlineExplanationProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="deadline-explanation">
      <Typography.Text>
        {t('calendar.deadline.result')}：<Typography.Text strong>{formatDateTime(deadline)}</Typography.Text>
      </Typography.Text>
      {beyondKnownRange.length > 0 && (
        <Alert type="warning" showIcon title={t('calendar.beyond.explain', { years: beyondKnownRange.join(t('common.listSeparator')) })} />
      )}
      <Timeline
        items={lines.map((line, index) => ({
          key: index,
          color: index === lines.length - 1 ? 'red' : index === 0 ? 'blue' : 'gray',
          content: line,
        }))}
      />
    </Flex>
  );
}

/** Wraps a deadline shown elsewhere (an approval step's SLA) with a "截止时间说明" popover. */
export function DeadlineExplanationPopover({ deadline, lines, beyondKnownRange = [], children }: DeadlineExplanationProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popover
      title={t('calendar.deadline.explanation')}
      content={<DeadlineExplanation deadline={deadline} lines={lines} beyondKnownRange={beyondKnownRange} />}
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
