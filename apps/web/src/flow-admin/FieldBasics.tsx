import { Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldType, FormField } from '@henji/contracts';
import { useFieldTypeLabel } from './labels.ts';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';

interface FieldBasicsProps<F extends FormField> {
  field: F;
  /** The types offered: every type for a form field, scalar types for a table column. */
  types: readonly FieldType[];
  onType?: (type: FieldType) => void;
  onChange?: (field: F) => void;
  messagesAt: MessagesAt;
}

/** Type, label, required and help: what every field and column has. The key is edited apart, as it is referred to. */
export function FieldBasics<F extends FormField>({ field, types, onType, onChange, messagesAt }: FieldBasicsProps<F>) {
  const { t } = useTranslation();
  const typeLabel = useFieldTypeLabel();
  const readOnly = !onChange;
  return (
    <>
      <Prop label={t('flowAdmin.form.type')} messages={messagesAt('type')}>
        <Select<FieldType>
          value={field.type}
          disabled={readOnly}
          options={types.map((type) => ({ value: type, label: typeLabel(type) }))}
          onChange={(type) => onType?.(type)}
        />
      </Prop>
      <Prop label={t('flowAdmin.form.label')} messages={messagesAt('label')} required>
        <Input value={field.label} disabled={readOnly} maxLength={100} onChange={(e) => onChange?.({ ...field, label: e.target.value })} />
      </Prop>
      <Prop label={t('flowAdmin.form.required')} messages={messagesAt('required')}>
        <Switch checked={field.required} disabled={readOnly} onChange={(required) => onChange?.({ ...field, required })} />
      </Prop>
      <Prop label={t('flowAdmin.form.help')} messages={messagesAt('help')}>
        <Input.TextArea
          value={field.help ?? ''}
          disabled={readOnly}
          maxLength={300}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(e) => {
            const next = { ...field };
            if (e.target.value === '') delete next.help;
            else next.help = e.target.value;
            onChange?.(next);
          }}
        />
      </Prop>
    </>
  );
}
