import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Skeleton, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text.ts';
import { QueryError } from '../components/QueryError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { SignaturePad } from '../applications/SignaturePad.tsx';
import { comfortKeys, deleteSignature, saveSignature, useSavedSignature } from './api.ts';

/** 我的签名 on 个人设置: draw once and save; offered (not forced) wherever a decision takes a handwritten signature. */
export function SavedSignatureCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const saved = useSavedSignature();
  const [drawing, setDrawing] = useState<string | null>(null);
  const [redraw, setRedraw] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      const result = await action();
      queryClient.setQueryData(comfortKeys.signature, result);
      setDrawing(null);
      setRedraw(false);
      void message.success(success);
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  const image = saved.data?.image ?? null;
  const showPad = !image || redraw;
  return (
    <Card title={t('comfort.signature.title')} id="signature" data-testid="signature-card">
      <Typography.Paragraph type="secondary">{t('comfort.signature.description')}</Typography.Paragraph>
      {saved.isError ? (
        <QueryError error={saved.error} onRetry={() => void saved.refetch()} />
      ) : saved.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <Flex vertical gap={12}>
          {image && !redraw && (
            <Flex vertical gap={4}>
              <img src={image} alt={t('comfort.signature.image')} style={{ maxWidth: 360, width: '100%', border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }} data-testid="saved-signature" />
              {saved.data?.updatedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('comfort.signature.savedAt', { time: formatDateTime(saved.data.updatedAt) })}
                </Typography.Text>
              )}
            </Flex>
          )}
          {!image && <Typography.Text type="secondary">{t('comfort.signature.none')}</Typography.Text>}
          {showPad && (
            <Flex vertical gap={4}>
              <Typography.Text>{t('comfort.signature.draw')}</Typography.Text>
              <SignaturePad value={drawing} onChange={setDrawing} />
            </Flex>
          )}
          <Flex gap={8} wrap>
            {showPad ? (
              <>
                <Button type="primary" icon={<SaveOutlined />} disabled={!drawing} loading={busy} onClick={() => drawing && void run(() => saveSignature(drawing), t('comfort.signature.saved'))} data-testid="save-signature">
                  {t('comfort.signature.save')}
                </Button>
                {redraw && <Button onClick={() => { setRedraw(false); setDrawing(null); }}>{t('common.cancel')}</Button>}
              </>
            ) : (
              <Button onClick={() => setRedraw(true)}>{t('comfort.signature.replace')}</Button>
            )}
            {image && !redraw && (
              <Popconfirm title={t('comfort.signature.confirmDelete')} okText={t('comfort.signature.delete')} cancelText={t('common.cancel')} onConfirm={() => run(deleteSignature, t('comfort.signature.deleted'))}>
                <Button danger icon={<DeleteOutlined />} loading={busy}>
                  {t('comfort.signature.delete')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
