import { useMutation } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Calendar, DurationUnit } from '@henji/contracts';
import { MAX_DURATION } from '@henji/contracts/values';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { computeDeadline } from './api.ts';
import { DeadlineExplanation } from './DeadlineExplanation.tsx';

interface CalculatorValues {
  start: Dayjs;
  amount: number;
  unit: DurationUnit;
}

/** Start + a duration in working hours or days → the deadline on this calendar, with its explanation. */
export function DeadlineCalculator({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CalculatorValues>();
  const reportError = useErrorReporter();
  const unit = Form.useWatch('unit', form) ?? 'hours';
  const result = useMutation({
    mutationFn: (values: CalculatorValues) => computeDeadline(calendar.id, values.start.format(), values.amount, values.unit),
    onError: (error) => reportError(error, form, { start: 'start', amount: 'amount', unit: 'unit' }),
  });

  return (
    <Flex vertical gap={16} data-testid="deadline-calculator">
      <Form<CalculatorValues>
        form={form}
        layout="inline"
        initialValues={{ start: dayjs().second(0).millisecond(0), amount: 8, unit: 'hours' }}
        onFinish={(values) => result.mutate(values)}
        onValuesChange={() => result.reset()}
      >
        <Form.Item name="start" label={t('calendar.deadline.start')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="amount" label={t('calendar.deadline.amount')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber<number>
            min={unit === 'days' ? 1 : 0.25}
            max={MAX_DURATION[unit]}
            step={unit === 'days' ? 1 : 0.5}
            precision={unit === 'days' ? 0 : 2}
            style={{ width: 110 }}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('calendar.deadline.unit')}>
          <Select<DurationUnit>
            style={{ width: 130 }}
            options={[
              { value: 'hours', label: t('calendar.deadline.hours') },
              { value: 'days', label: t('calendar.deadline.days') },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={result.isPending}>
            {t('calendar.deadline.compute')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('calendar.deadline.help')}</Typography.Text>
      {result.data && <DeadlineExplanation deadline={result.data.deadline} lines={result.data.text} beyondKnownRange={result.data.beyondKnownRange} />}
    </Flex>
  );
}
