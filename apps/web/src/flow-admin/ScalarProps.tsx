import { Button, Flex, Input, InputNumber, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ScalarField } from '@henji/contracts';
import { FIELD_PROPERTIES } from './form-edit.ts';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';

interface ScalarPropsProps {
  field: ScalarField;
  onChange?: (field: ScalarField) => void;
  /** Messages of the live check for a property of this field. */
  messagesAt: MessagesAt;
}

/** The properties particular to a scalar field's type: bounds, length, options, multiple choice. */
export function ScalarProps({ field, onChange, messagesAt }: ScalarPropsProps) {
  const { t } = useTranslation();
  const uses = new Set(FIELD_PROPERTIES[field.type]);
  const readOnly = !onChange;
  const set = <K extends keyof ScalarField>(key: K, value: ScalarField[K] | null | undefined) => {
    const next = { ...field };
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
    onChange?.(next);
  };

  return (
    <>
      {uses.has('min') && (
        <Flex gap={12}>
          <Prop label={t('flowAdmin.form.min')} messages={messagesAt('min')}>
            <InputNumber value={field.min} disabled={readOnly} onChange={(v) => set('min', v)} style={{ width: 160 }} />
          </Prop>
          <Prop label={t('flowAdmin.form.max')} messages={messagesAt('max')}>
            <InputNumber value={field.max} disabled={readOnly} onChange={(v) => set('max', v)} style={{ width: 160 }} />
          </Prop>
        </Flex>
      )}
      {uses.has('maxLength') && (
        <Prop label={t('flowAdmin.form.maxLength')} messages={messagesAt('maxLength')}>
          <InputNumber min={1} max={10000} precision={0} value={field.maxLength} disabled={readOnly} onChange={(v) => set('maxLength', v)} style={{ width: 160 }} />
        </Prop>
      )}
      {uses.has('options') && (
        <Prop label={t('flowAdmin.form.options')} messages={messagesAt('options')} required>
          <Flex vertical gap={8}>
            {(field.options ?? []).map((option, index) => (
              <Flex key={index} gap={8}>
                <Input
                  value={option.value}
                  disabled={readOnly}
                  placeholder={t('flowAdmin.form.optionValue')}
                  maxLength={60}
                  status={messagesAt(`options.${index}.value`).length > 0 ? 'error' : undefined}
                  onChange={(e) => set('options', (field.options ?? []).map((o, i) => (i === index ? { ...o, value: e.target.value } : o)))}
                  style={{ width: 140, fontFamily: 'monospace' }}
                />
                <Input
                  value={option.label}
                  disabled={readOnly}
                  placeholder={t('flowAdmin.form.optionLabel')}
                  maxLength={100}
                  status={messagesAt(`options.${index}.label`).length > 0 ? 'error' : undefined}
                  onChange={(e) => set('options', (field.options ?? []).map((o, i) => (i === index ? { ...o, label: e.target.value } : o)))}
                />
                <Button
                  icon={<DeleteOutlined />}
                  disabled={readOnly}
                  aria-label={t('flowAdmin.flow.source.remove')}
                  onClick={() => set('options', (field.options ?? []).filter((_, i) => i !== index))}
                />
              </Flex>
            ))}
            {!readOnly && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  const n = (field.options?.length ?? 0) + 1;
                  set('options', [...(field.options ?? []), { value: `option_${n}`, label: t('flowAdmin.form.optionLabelDefault', { n }) }]);
                }}
              >
                {t('flowAdmin.form.addOption')}
              </Button>
            )}
          </Flex>
        </Prop>
      )}
      {uses.has('multiple') && (
        <Prop label={t('flowAdmin.form.multiple')} messages={messagesAt('multiple')}>
          <Switch checked={field.multiple ?? false} disabled={readOnly} onChange={(v) => set('multiple', v || undefined)} />
        </Prop>
      )}
    </>
  );
}
