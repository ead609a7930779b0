import { Alert, Button, Modal, Typography } from 'antd';

export interface SecretOnceTexts {
  title: string;
  warning: string;
  usage: string;
  done: string;
}

/** The one time a secret is visible (an API token, a webhook signing secret): the server keeps only what it must. */
export function SecretOnceModal({ secret, texts, testId, onClose }: { secret: string; texts: SecretOnceTexts; testId: string; onClose: () => void }) {
  return (
    <Modal
      open
      title={texts.title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {texts.done}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={texts.warning} style={{ marginBottom: 16 }} />
      <Typography.Paragraph code copyable={{ text: secret }} style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {secret}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{texts.usage}</Typography.Paragraph>
    </Modal>
  );
}
