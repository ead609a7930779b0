import { Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, FireOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, SlaState } from '@henji/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { BeyondKnownRangeTag, DeadlineExplanationPopover } from '../calendar/DeadlineTags.tsx';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  draft: 'default',
  running: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="application-status">
      {t(`applications.status.${status}`)}
    </Tag>
  );
}

const SLA_COLOR: Record<SlaState, string | undefined> = { none: undefined, on_time: 'green', due_soon: 'orange', overdue: 'red' };

/** 正常 / 即将到期 / 已超时; nothing for a step without a deadline. */
export function SlaTag({ state }: { state: SlaState }) {
  const { t } = useTranslation();
  if (state === 'none') return null;
  return (
    <Tag color={SLA_COLOR[state]} icon={<ClockCircleOutlined />}>
      {t(`applications.sla.${state}`)}
    </Tag>
  );
}

export function UrgentTag() {
  const { t } = useTranslation();
  return (
    <Tag color="volcano" icon={<FireOutlined />}>
      {t('applications.urgent')}
    </Tag>
  );
}

/** A deadline with its SLA tag; a click explains it step by step on the business calendar when the server did. */
export function Deadline({
  deadline,
  slaState,
  explanation = [],
  beyondKnownRange = [],
}: {
  deadline: string | null;
  slaState: SlaState;
  explanation?: readonly string[];
  /** Years the deadline was counted in whose holidays the calendar did not know. */
  beyondKnownRange?: readonly number[];
}) {
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {explanation.length > 0 ? (
        <DeadlineExplanationPopover deadline={deadline} lines={explanation} beyondKnownRange={beyondKnownRange} />
      ) : (
        <Typography.Text>
          <time dateTime={deadline}>{formatDateTime(deadline)}</time>
        </Typography.Text>
      )}
      <SlaTag state={slaState} />
      <BeyondKnownRangeTag years={beyondKnownRange} />
    </Space>
  );
}
