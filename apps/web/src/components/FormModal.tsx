import { useRef, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

interface FormModalProps<Values> {
  title: ReactNode;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  submitting: boolean;
  onSubmit: (values: Values) => void;
  onClose: () => void;
  okText?: string;
  width?: number;
  children: ReactNode;
}

/**
 * A modal whose whole body, footer included, is one <form>: the OK button is a real submit button, so Enter in any
 * field submits and the browser's own form semantics apply. Mount it only while open (`{open && <…Modal/>}`), so each
 * opening starts from fresh initial values instead of the last edit.
 */
export function FormModal<Values>({
  title,
  form,
  initialValues,
  submitting,
  onSubmit,
  onClose,
  okText,
  width = 560,
  children,
}: FormModalProps<Values>) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);

  // The modal takes focus when it opens, which defeats autoFocus on a field; focus the first field once it has opened.
  const focusFirstField = (open: boolean) => {
    if (!open) return;
    body.current
      ?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]):not([readonly]), textarea:not([disabled])')
      ?.focus();
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: submitting }}
      onCancel={onClose}
      afterOpenChange={focusFirstField}
      mask={{ closable: !submitting }}
      modalRender={(dom) => (
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={onSubmit} scrollToFirstError>
          {dom}
        </Form>
      )}
    >
      <div ref={body}>{children}</div>
    </Modal>
  );
}
