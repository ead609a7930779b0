import { DatePicker, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ScalarField } from '@henji/contracts';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { DATE_FORMAT } from './form-values.ts';
import { UsersSelect } from './UsersSelect.tsx';

/** Thousands separators while typing money; the parser strips them again. */
const groupDigits = (value: string | number | undefined) => {
  if (value === undefined || value === '') return '';
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};
const ungroup = (text: string | undefined) => (text ?? '').replace(/[,\s¥]/g, '');

interface FieldInputProps {
  field: ScalarField;
  /** Injected by Form.Item. */
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
  /** Inside a table cell: compact, no placeholder text. */
  compact?: boolean;
  /** A value the server computes (金额, 合计): shown, not typed. */
  disabled?: boolean;
}

/** The control for one scalar field of an application form; Form.Item passes value and onChange. */
export function FieldInput({ field, value, onChange, id, compact = false, disabled }: FieldInputProps) {
  const { t } = useTranslation();
  const change = (next: unknown) => onChange?.(next);
  const size = compact ? 'small' : 'middle';

  switch (field.type) {
    case 'text':
      return <Input id={id} size={size} value={value as string | undefined} onChange={(e) => change(e.target.value)} maxLength={field.maxLength} autoComplete="off" />;
    case 'textarea':
      return (
        <Input.TextArea
          id={id}
          size={size}
          value={value as string | undefined}
          onChange={(e) => change(e.target.value)}
          maxLength={field.maxLength}
          showCount={field.maxLength !== undefined && !compact}
          autoSize={{ minRows: compact ? 1 : 3, maxRows: 10 }}
        />
      );
    case 'number':
      return <InputNumber id={id} size={size} value={value as number | undefined} onChange={change} min={field.min} max={field.max} disabled={disabled} style={{ width: '100%' }} />;
    case 'money':
      return (
        <InputNumber<number>
          id={id}
          size={size}
          value={value as number | undefined}
          onChange={change}
          disabled={disabled}
          min={field.min}
          max={field.max}
          precision={2}
          step={0.01}
          prefix="¥"
          formatter={groupDigits}
          parser={(text) => Number(ungroup(text))}
          style={{ width: '100%' }}
        />
      );
    case 'date':
      return <DatePicker id={id} size={size} value={value as never} onChange={change} format={DATE_FORMAT} style={{ width: '100%' }} />;
    case 'dateRange':
      return (
        <DatePicker.RangePicker
          id={id}
          size={size}
          value={value as never}
          onChange={change}
          format={DATE_FORMAT}
          placeholder={[t('applications.form.rangeStart'), t('applications.form.rangeEnd')]}
          style={{ width: '100%' }}
        />
      );
    case 'select':
      return (
        <Select<string | string[]>
          id={id}
          size={size}
          mode={field.multiple ? 'multiple' : undefined}
          value={value as string | string[] | undefined}
          onChange={change}
          options={field.options ?? []}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
        />
      );
    case 'user':
      return field.multiple ? (
        <UsersSelect id={id} value={Array.isArray(value) ? (value as string[]) : []} onChange={change} />
      ) : (
        <UserSelect id={id} value={typeof value === 'string' ? value : null} onChange={(next) => change(next ?? undefined)} />
      );
    case 'department':
      return <DepartmentTreeSelect id={id} value={typeof value === 'string' ? value : null} onChange={(next) => change(next ?? undefined)} />;
    case 'attachment':
      // Several files unless the designer said otherwise: the server keeps an attachment field as a list either way.
      return <AttachmentUpload valueType="ids" id={id} value={Array.isArray(value) ? (value as string[]) : []} onChange={change} multiple={field.multiple ?? true} />;
  }
}
