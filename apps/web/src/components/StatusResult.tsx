/**
 * The page-sized "something is not here" message — a load that failed, a page that crashed, an address that leads
 * nowhere — drawn with an icon instead of Ant Design's Result, whose 403/404/500 illustrations are an 8 KB download
 * every page would carry for a state most visits never reach (docs/BENCHMARKS.md §7).
 */
import type { ReactNode } from 'react';
import { Flex, Typography, theme } from 'antd';
import { CloseCircleFilled, FileSearchOutlined, StopOutlined } from '@ant-design/icons';

export type StatusKind = 'error' | '403' | '404';

export function StatusResult({ status, title, subTitle, extra }: { status: StatusKind; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  const { token } = theme.useToken();
  const icon =
    status === 'error' ? (
      <CloseCircleFilled style={{ color: token.colorError }} />
    ) : status === '403' ? (
      <StopOutlined style={{ color: token.colorWarning }} />
    ) : (
      <FileSearchOutlined style={{ color: token.colorTextTertiary }} />
    );
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 24px', textAlign: 'center' }} role="alert" data-status={status}>
      <span style={{ fontSize: 64, lineHeight: 1, marginBottom: 16 }} aria-hidden>
        {icon}
      </span>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
      {extra && <div style={{ marginTop: 16 }}>{extra}</div>}
    </Flex>
  );
}
