import { Alert, Button, Empty, Flex, Form, Input, InputNumber, Typography, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../org/UserSelect.tsx';
import { agendaMinutes, timesOf, type AgendaRow, type MeetingFormValues } from './form-values.ts';
import { minutesBetween } from './time.ts';
import styles from './MeetingForm.module.css';

/**
 * 议程安排: items in order (moved with 上移 / 下移 buttons, so the keyboard and a phone can reorder them), each with its
 * title, presenter and planned minutes; the total is compared with the meeting's length as it changes.
 */
export function AgendaField({ form }: { form: FormInstance<MeetingFormValues> }) {
  const { t } = useTranslation();
  const agenda = Form.useWatch('agenda', { form, preserve: true }) as AgendaRow[] | undefined;
  const date = Form.useWatch('date', { form, preserve: true }) as MeetingFormValues['date'] | undefined;
  const start = Form.useWatch('start', { form, preserve: true }) as MeetingFormValues['start'] | undefined;
  const end = Form.useWatch('end', { form, preserve: true }) as MeetingFormValues['end'] | undefined;
  const total = agendaMinutes(agenda);
  const times = date && start && end ? timesOf({ date, start, end }) : null;
  const length = times ? minutesBetween(times.startsAt, times.endsAt) : null;
  const tooLong = length !== null && length > 0 && total > length;

  return (
    <Form.List name="agenda">
      {(fields, { add, remove, move }) => (
        <Flex vertical gap={8} data-testid="agenda-rows">
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.form.noAgenda')} />}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap className={styles.agendaRow} data-testid="agenda-row">
              <Typography.Text type="secondary" className={styles.agendaIndex}>
                {index + 1}.
              </Typography.Text>
              <Form.Item
                name={[field.name, 'title']}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                className={styles.agendaTitle}
              >
                <Input maxLength={200} placeholder={t('meetings.form.agendaTitle')} aria-label={`${t('meetings.form.agendaTitle')} ${index + 1}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'presenterId']} className={styles.agendaPresenter}>
                <UserSelect placeholder={t('meetings.form.presenter')} id={`agenda-presenter-${index}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'plannedMinutes']} rules={[{ required: true, message: t('validation.required') }]} className={styles.agendaMinutes}>
                <InputNumber min={1} max={1440} precision={0} suffix={t('meetings.form.minutesUnit')} placeholder={t('meetings.form.plannedMinutes')} aria-label={`${t('meetings.form.plannedMinutes')} ${index + 1}`} style={{ width: '100%' }} />
              </Form.Item>
              <Flex gap={0}>
                <Button type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`${t('meetings.form.moveUp')} ${index + 1}`} />
                <Button type="text" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} aria-label={`${t('meetings.form.moveDown')} ${index + 1}`} />
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`${t('meetings.form.removeItem')} ${index + 1}`} />
              </Flex>
            </Flex>
          ))}
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Button icon={<PlusOutlined />} onClick={() => add({ title: '', presenterId: null, plannedMinutes: 15 })} data-testid="add-agenda-item">
              {t('meetings.form.addAgendaItem')}
            </Button>
            {length !== null && length > 0 && (
              <Typography.Text type={tooLong ? 'warning' : 'secondary'} data-testid="agenda-total">
                {t('meetings.form.agendaTotal', { agenda: total, meeting: length })}
              </Typography.Text>
            )}
          </Flex>
          {tooLong && <Alert type="warning" showIcon title={t('meetings.form.agendaTooLong', { agenda: total, meeting: length })} />}
        </Flex>
      )}
    </Form.List>
  );
}
