import { Alert, Flex, Timeline, Typography } from 'antd';
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
