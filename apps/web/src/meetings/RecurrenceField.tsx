import { Alert, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { previewRRule, RRULE_MAX_OCCURRENCES, RRULE_PRESET_LABELS, rruleErrorText } from '@henji/contracts/recurrence';
import { currentLocale } from '../i18n/index.ts';
import { at, type MeetingFormValues } from './form-values.ts';
import { anchorOf, DEFAULT_COUNTS, RECURRENCE_CHOICES, ruleText, type RecurrenceChoice, type RecurrenceEnd } from './recurrence-choice.ts';
import styles from './MeetingForm.module.css';

/** How many coming meetings the preview lists (each can be skipped by a click). */
const PREVIEWED = 8;

/**
 * 重复: none, a preset (every week / two weeks / month / quarter / year from the first meeting's weekday or date) that
 * ends after a number of meetings or on a day, or a custom RRULE. Under it the rule in words and the next meetings;
 * clicking one leaves it out of the series (an exception, EXDATE) and clicking it again puts it back.
 */
export function RecurrenceField({ form, disabled }: { form: FormInstance<MeetingFormValues>; disabled?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const choice = Form.useWatch('recurrenceChoice', { form, preserve: true }) as RecurrenceChoice | undefined;
  const end = Form.useWatch('recurrenceEnd', { form, preserve: true }) as RecurrenceEnd | undefined;
  const custom = Form.useWatch(['recurrence', 'rrule'], { form, preserve: true }) as string | undefined;
  const exdates = (Form.useWatch(['recurrence', 'exdates'], { form, preserve: true }) as Dayjs[] | undefined) ?? [];
  const date = Form.useWatch('date', { form, preserve: true }) as Dayjs | undefined;
  const time = Form.useWatch('start', { form, preserve: true }) as Dayjs | undefined;
  const start = date && time ? at(date, time) : null;
  const text = start ? ruleText(choice, custom, end, start) : null;
  const preview = start && text ? previewRRule(text, anchorOf(start), locale, { count: PREVIEWED + exdates.length }) : null;
  const skipped = (instant: Date) => exdates.some((d) => d.valueOf() === instant.getTime());

  const toggle = (instant: Date) =>
    form.setFieldValue(['recurrence', 'exdates'], skipped(instant) ? exdates.filter((d) => d.valueOf() !== instant.getTime()) : [...exdates, dayjs(instant)]);

  const choose = (next: RecurrenceChoice) => {
    if (next !== 'none' && next !== 'custom' && !end?.count && !end?.until) form.setFieldValue('recurrenceEnd', { mode: 'count', count: DEFAULT_COUNTS[next] });
    form.setFieldValue(['recurrence', 'exdates'], []);
  };

  const preset = choice !== undefined && choice !== 'none' && choice !== 'custom';
  return (
    <Flex vertical gap={8}>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item name="recurrenceChoice" label={t('meetings.form.recurrence')} className={styles.recurrenceChoice}>
          <Select<RecurrenceChoice>
            disabled={disabled}
            onChange={choose}
            options={RECURRENCE_CHOICES.map((c) => ({
              value: c,
              label: c === 'none' ? t('meetings.form.recurrenceNone') : c === 'custom' ? t('meetings.form.recurrenceCustom') : RRULE_PRESET_LABELS[c][locale],
            }))}
            data-testid="recurrence-choice"
          />
        </Form.Item>
        {preset && (
          <Form.Item label={t('meetings.form.recurrenceEnds')}>
            <Flex gap={8} wrap align="center">
              <Form.Item name={['recurrenceEnd', 'mode']} noStyle>
                <Radio.Group disabled={disabled} options={[{ value: 'count', label: t('meetings.form.endAfter') }, { value: 'until', label: t('meetings.form.endOn') }]} />
              </Form.Item>
              {end?.mode === 'until' ? (
                <Form.Item name={['recurrenceEnd', 'until']} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <DatePicker disabled={disabled} aria-label={t('meetings.form.endOn')} />
                </Form.Item>
              ) : (
                <Form.Item name={['recurrenceEnd', 'count']} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <InputNumber disabled={disabled} min={1} max={RRULE_MAX_OCCURRENCES} precision={0} suffix={t('meetings.form.times')} aria-label={t('meetings.form.endAfter')} style={{ width: 120 }} />
                </Form.Item>
              )}
            </Flex>
          </Form.Item>
        )}
      </Flex>
      {choice === 'custom' && (
        <Form.Item name={['recurrence', 'rrule']} label={t('meetings.form.rrule')} extra={t('meetings.form.rruleHelp')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input disabled={disabled} maxLength={500} placeholder={t('meetings.form.rrulePlaceholder')} spellCheck={false} data-testid="rrule" />
        </Form.Item>
      )}
      {preview && !preview.ok && <Alert type="error" showIcon title={t('meetings.form.recurrenceInvalid', { reason: rruleErrorText(preview.error, locale) })} data-testid="rrule-error" />}
      {preview?.ok && (
        <div data-testid="recurrence-preview">
          <Typography.Text strong>{preview.description}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('meetings.form.nextOccurrences')}</Typography.Text>
            <Flex gap={4} wrap className={styles.occurrences}>
              {preview.starts.slice(0, PREVIEWED).map((instant) => (
                <Tag.CheckableTag
                  key={instant.getTime()}
                  checked={!skipped(instant)}
                  onChange={() => !disabled && toggle(instant)}
                  aria-label={`${dayjs(instant).format('YYYY-MM-DD HH:mm')} ${skipped(instant) ? t('meetings.form.skipped') : ''}`}
                  data-testid="occurrence"
                >
                  {skipped(instant) ? <s>{dayjs(instant).format('MM-DD ddd HH:mm')}</s> : dayjs(instant).format('MM-DD ddd HH:mm')}
                </Tag.CheckableTag>
              ))}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('meetings.form.exdatesHelp')}
            </Typography.Text>
          </div>
        </div>
      )}
    </Flex>
  );
}
