import { Button, Flex } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '@henji/contracts';
import { ApproverSourceEditor } from './ApproverSourceEditor.tsx';
import type { Recipient } from './node-skeleton.ts';
import type { MessagesAt } from './problem-path.ts';

interface RecipientsEditorProps<S extends Recipient> {
  value: S[];
  onChange?: (value: S[]) => void;
  form: FormDefinition;
  allowInitiator?: boolean;
  /** A new entry: the source to start from. */
  blank: S;
  max?: number;
  /** Messages about an entry, asked with `<index>.<property>`. */
  messagesAt: MessagesAt;
}

/** A list of sources: CC and notify recipients, the emergency group and its reviewers. At least one stays. */
export function RecipientsEditor<S extends Recipient>({ value, onChange, form, allowInitiator, blank, max = 10, messagesAt }: RecipientsEditorProps<S>) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {value.map((source, index) => (
        <Flex key={index} gap={8} align="flex-start">
          <ApproverSourceEditor<S>
            value={source}
            form={form}
            allowInitiator={allowInitiator}
            messagesAt={(p, exact) => messagesAt(p ? `${index}.${p}` : String(index), exact)}
            onChange={onChange && ((next) => onChange(value.map((s, i) => (i === index ? next : s))))}
          />
          {onChange && (
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('flowAdmin.flow.source.remove')}
              disabled={value.length <= 1}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            />
          )}
        </Flex>
      ))}
      {onChange && (
        <div>
          <Button icon={<PlusOutlined />} disabled={value.length >= max} onClick={() => onChange([...value, blank])}>
            {t('flowAdmin.flow.addRecipient')}
          </Button>
        </div>
      )}
    </Flex>
  );
}
