import type { ReactNode } from 'react';
import { Form } from 'antd';

interface PropProps {
  label: ReactNode;
  /** What the publish check says about this property; shown in place of the help text. */
  messages?: readonly string[];
  help?: ReactNode;
  required?: boolean;
  children: ReactNode;
}

/** One labelled property of a field or node, edited directly (no form store) and marked by the live check. */
export function Prop({ label, messages = [], help, required, children }: PropProps) {
  const failing = messages.length > 0;
  return (
    <Form.Item label={label} required={required} validateStatus={failing ? 'error' : undefined} help={failing ? messages.join('；') : help}>
      {children}
    </Form.Item>
  );
}
