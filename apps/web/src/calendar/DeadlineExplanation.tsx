import type { ReactNode } from 'react';
import { Flex, Popover, Timeline, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format.ts';

export interface DeadlineExplanationProps {
  /** The deadline as an ISO instant. */
  deadline: string;
  /** The explanation sentences the server rendered in the page's language (`text` of a deadline). */
  lines: readonly string[];
}

/** A deadline and, step by step, how it was counted on the business calendar (K6). */
export function DeadlineExplanation({ deadline, lines }: DeadlineExplanationProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="deadline-explanation">
      <Typography.Text>
        {t('calendar.deadline.result')}：<Typography.Text strong>{formatDateTime(deadline)}</Typography.Text>
      </Typography.Text>
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
export function DeadlineExplanationPopover({ deadline, lines, children }: DeadlineExplanationProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popover title={t('calendar.deadline.explanation')} content={<DeadlineExplanation deadline={deadline} lines={lines} />} trigger="click">
      {children ?? (
        <Typography.Link>
          <ClockCircleOutlined /> {formatDateTime(deadline)}
        </Typography.Link>
      )}
    </Popover>
  );
}
