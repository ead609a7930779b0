import { App, DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { atEndOfWorkingDay, parseDeadlineText } from './deadline.ts';

interface DeadlinePickerProps {
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  id?: string;
}

/**
 * A deadline field for a form item. A picked day comes with the end of the working day as its time (not 00:00), a
 * choice in the panel counts without 确定, and a typed date (with or without a time) is kept when Enter submits the
 * form. Text that cannot be read stops Enter from submitting the form without it.
 */
export function DeadlinePicker({ value, onChange, id }: DeadlinePickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <DatePicker
      id={id}
      value={value ?? null}
      onChange={(next: Dayjs | null) => onChange?.(next)}
      showTime={{ format: 'HH:mm', defaultOpenValue: atEndOfWorkingDay(dayjs()) }}
      needConfirm={false}
      format="YYYY-MM-DD HH:mm"
      disabledDate={(day) => day.isBefore(dayjs(), 'day')}
      style={{ width: '100%' }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        const text = (event.target as HTMLInputElement).value;
        const typed = parseDeadlineText(text);
        if (typed) onChange?.(typed);
        else if (text.trim() !== '') {
          event.preventDefault();
          void message.warning(t('tasks.form.deadlineUnreadable'));
        }
      }}
    />
  );
}
