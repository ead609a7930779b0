import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Password } from '@henji/contracts';
import { schemaRule } from './rules.ts';

interface NewPasswordFieldsProps {
  /** The new password's field name; its repetition is always `confirm`. */
  name: string;
  label: string;
  confirmLabel: string;
  extra?: ReactNode;
  /** A field the new password must differ from (the current password), and what to say when it does not. */
  differentFrom?: { field: string; message: string };
  /** A lock in front of each box (the full-page forms). */
  withIcon?: boolean;
}

/**
 * A new password and its repetition, as every form that sets one asks for them (个人设置, the forced 设置新密码
 * page, an administrator's reset): required, checked with the server's own `Password` schema, and the same twice.
 */
export function NewPasswordFields({ name, label, confirmLabel, extra, differentFrom, withIcon = false }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const prefix = withIcon ? <LockOutlined /> : undefined;
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={extra}
        dependencies={differentFrom ? [differentFrom.field] : undefined}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(Password, t('validation.password')),
          ...(differentFrom
            ? [
                ({ getFieldValue }: { getFieldValue: (field: string) => unknown }) => ({
                  validator: async (_rule: unknown, value: unknown) => {
                    if (value && value === getFieldValue(differentFrom.field)) throw new Error(differentFrom.message);
                  },
                }),
              ]
            : []),
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue(name)) throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password prefix={prefix} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
