import { Button, Flex, Typography } from 'antd';
import { EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SignaturePad } from '../applications/SignaturePad.tsx';
import { useSavedSignature } from './api.ts';

interface SignatureFieldProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
}

/**
 * 手写签名 with a decision: the pad, and — when the user saved a signature — the offer to attach that one instead
 * (never forced). The value is a PNG data URL either way, as the API takes it.
 */
export function SignatureField({ value = null, onChange }: SignatureFieldProps) {
  const { t } = useTranslation();
  const saved = useSavedSignature();
  const image = saved.data?.image ?? null;
  if (image && value === image) {
    return (
      <Flex vertical gap={4} data-testid="saved-signature-used">
        <img src={image} alt={t('comfort.signature.image')} style={{ maxWidth: 320, width: '100%', border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }} />
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('comfort.signature.usingSaved')}
          </Typography.Text>
          <Button size="small" icon={<EditOutlined />} onClick={() => onChange?.(null)}>
            {t('comfort.signature.drawInstead')}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8}>
      {image && (
        <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => onChange?.(image)} style={{ alignSelf: 'flex-start' }} data-testid="use-saved-signature">
          {t('comfort.signature.useSaved')}
        </Button>
      )}
      <SignaturePad value={value} onChange={onChange} />
    </Flex>
  );
}
