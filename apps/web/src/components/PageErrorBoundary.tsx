import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from 'antd';
import { StatusResult } from './StatusResult.tsx';
import { useTranslation } from 'react-i18next';

function PageCrashed({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusResult
      status="error"
      title={t('errors.pageCrashedTitle')}
      subTitle={t('errors.pageCrashedText')}
      extra={
        <Button type="primary" onClick={onReload}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
}

/**
 * A page that throws while rendering shows an error with a way out instead of a blank screen; the menu and header
 * stay usable. Keyed by the route by its parent, so moving to another page starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <PageCrashed onReload={() => window.location.reload()} /> : this.props.children;
  }
}
