import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Duration } from '@henji/contracts';

interface DurationInputProps {
  value: Duration | undefined;
  onChange?: (value: Duration | undefined) => void;
  /** Whether the duration may be left empty (remindEvery, reviewWithin). */
  optional?: boolean;
  status?: 'error';
}

/** An amount of working hours or working days on the business calendar. */
export function DurationInput({ value, onChange, optional = false, status }: DurationInputProps) {
  const { t } = useTranslation();
  const unit = value?.unit ?? 'hours';
  return (
    <Space.Compact>
      <InputNumber
        min={0.5}
        max={10000}
        step={0.5}
        value={value?.amount}
        status={status}
        disabled={!onChange}
        onChange={(amount) => onChange?.(amount === null ? (optional ? undefined : { amount: 1, unit }) : { amount, unit })}
        style={{ width: 120 }}
      />
      <Select<Duration['unit']>
        value={unit}
        disabled={!onChange}
        options={(['hours', 'days'] as const).map((u) => ({ value: u, label: t(`flowAdmin.flow.sla.units.${u}`) }))}
        onChange={(next) => onChange?.({ amount: value?.amount ?? 1, unit: next })}
        style={{ width: 120 }}
      />
    </Space.Compact>
  );
}
