import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { USER_STATUSES } from '@henji/contracts/values';
import { formatDateTime } from '../i18n/format.ts';
import { useDepartments, usePositions } from '../org/api.ts';
import { useReferenceLabels } from '../org/reference-labels.ts';
import { UserName } from '../org/UserName.tsx';
import { formatValue } from './format-value.ts';

/** Diff fields that hold a reference; they are shown by name, with the raw id kept in the tooltip. */
const USER_FIELDS = new Set(['managerId', 'headUserId', 'principalId', 'delegateId', 'createdById', 'userId']);
const DEPARTMENT_FIELDS = new Set(['departmentId', 'parentId']);
const POSITION_FIELDS = new Set(['positionId']);
/** Instants are stored as ISO-8601 UTC; shown in local time like every other time on the page. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const LOCALE_NAMES: Record<string, string> = { 'zh-CN': '中文', 'en-US': 'English' };
const isUserStatus = (value: string): value is User['status'] => USER_STATUSES.some((s) => s === value);

interface DiffValueProps {
  field: string;
  value: unknown;
  side: 'before' | 'after';
}

/** One side of a field change as readable text: references by name, instants in local time, codes translated. */
export function DiffValue({ field, value, side }: DiffValueProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const positions = usePositions();
  const labels = useReferenceLabels();

  let text: ReactNode = formatValue(t, value);
  if (typeof value === 'string') {
    if (USER_FIELDS.has(field)) text = <UserName id={value} />;
    else if (ISO_INSTANT.test(value)) text = formatDateTime(value);
    else if (field === 'status' && isUserStatus(value)) text = t(`org.user.status.${value}`);
    else if (field === 'locale') text = LOCALE_NAMES[value] ?? text;
    else if (DEPARTMENT_FIELDS.has(field)) text = departments.data?.find((d) => d.id === value)?.name ?? text;
    else if (POSITION_FIELDS.has(field)) {
      const position = positions.data?.find((p) => p.id === value);
      if (position) text = labels.position(position);
    }
  }

  const muted = value === undefined || value === null;
  return (
    <Typography.Text
      delete={side === 'before' && !muted}
      type={muted ? 'secondary' : undefined}
      ellipsis={{ tooltip: typeof value === 'string' ? value : formatValue(t, value) }}
      style={{ maxWidth: 240 }}
    >
      {text}
    </Typography.Text>
  );
}
