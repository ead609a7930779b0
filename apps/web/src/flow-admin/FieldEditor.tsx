import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, FormField } from '@henji/contracts';
import { FIELD_TYPES } from '@henji/contracts/values';
import { changeFieldType, isValidFieldKey } from './form-edit.ts';
import { FieldBasics } from './FieldBasics.tsx';
import { IdInput } from './IdInput.tsx';
import type { MessagesAt } from './problem-path.ts';
import { ScalarProps } from './ScalarProps.tsx';
import { TableColumnsEditor } from './TableColumnsEditor.tsx';

interface FieldEditorProps {
  definition: ApplicationDefinition;
  field: FormField;
  onChange?: (field: FormField) => void;
  /** A new key is applied to the whole definition, which follows it into conditions and approver sources. */
  onRenameKey?: (key: string) => void;
  messagesAt: MessagesAt;
}

export function FieldEditor({ definition, field, onChange, onRenameKey, messagesAt }: FieldEditorProps) {
  const { t } = useTranslation();
  const labels = { option: (n: number) => t('flowAdmin.form.optionLabelDefault', { n }), column: t('flowAdmin.form.columnDefault') };
  return (
    <Form layout="vertical" component="div">
      <IdInput
        label={t('flowAdmin.form.key')}
        help={t('flowAdmin.form.keyHelp')}
        value={field.key}
        disabled={!onRenameKey}
        messages={messagesAt('key')}
        check={(next) =>
          !isValidFieldKey(next)
            ? t('flowAdmin.form.keyInvalid')
            : definition.form.fields.some((f) => f !== field && f.key === next)
              ? t('flowAdmin.form.keyTaken')
              : null
        }
        onCommit={(key) => onRenameKey?.(key)}
      />
      <FieldBasics<FormField>
        field={field}
        types={FIELD_TYPES}
        messagesAt={messagesAt}
        onChange={onChange}
        onType={(type) => onChange?.(changeFieldType(field, type, labels))}
      />
      {field.type === 'table' ? (
        <TableColumnsEditor field={field} messagesAt={messagesAt} onChange={onChange} />
      ) : (
        <ScalarProps field={field} messagesAt={messagesAt} onChange={onChange} />
      )}
    </Form>
  );
}
