import { Alert, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApproverPreview, useDebounced } from './api.ts';

interface ApproverPreviewCardProps {
  typeId: string;
  /** The form as it would be sent now (toFormData); the preview follows it once typing pauses. */
  form: Record<string, unknown> | null;
}

/** 审批人预览: the actual approvers' names per level for the form as filled in, as the engine would choose them. */
export function ApproverPreviewCard({ typeId, form }: ApproverPreviewCardProps) {
  const { t } = useTranslation();
  const settled = useDebounced(form, 500);
  const preview = useApproverPreview(typeId, settled);
  const levels = preview.data?.levels ?? [];
  return (
    <Card title={t('comfort.preview.title')} size="small" data-testid="approver-preview" extra={preview.isFetching ? <Typography.Text type="secondary">{t('comfort.preview.loading')}</Typography.Text> : null}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('comfort.preview.help')}
      </Typography.Paragraph>
      {preview.isError ? (
        <Alert type="warning" showIcon title={t('comfort.preview.failed')} />
      ) : preview.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : levels.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comfort.preview.empty')} />
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {levels.map((level, i) => (
            <li key={`${level.nodeId}-${i}`} style={{ marginBottom: 8 }} data-testid="preview-level">
              <Flex vertical gap={2}>
                <Space size={6} wrap>
                  <Typography.Text strong>{level.nodeName}</Typography.Text>
                  {level.approvers.length > 1 && <Tag>{t(`comfort.preview.mode.${level.mode}`)}</Tag>}
                </Space>
                <Typography.Text>{level.skipped ? t('comfort.preview.skipped') : level.approvers.map((a) => a.displayName).join(t('common.listSeparator'))}</Typography.Text>
                {level.substitution && (
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    {level.substitution}
                  </Typography.Text>
                )}
              </Flex>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
