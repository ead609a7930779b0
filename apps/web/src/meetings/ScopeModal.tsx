import { useRef, useState } from 'react';
import { Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type SeriesScope = 'this' | 'following';

interface Asking {
  title: string;
  text: string;
  /** Only "this and following" can change the series' rule. */
  followingOnly: boolean;
}

/**
 * Asks which meetings of a series a change applies to — 仅此次 or 此次及以后 — and resolves to the answer (null when
 * the dialog is closed). `ask` returns a promise, so a submit handler reads as one sequence.
 */
export function useScopeQuestion() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Asking | null>(null);
  const resolver = useRef<((scope: SeriesScope | null) => void) | null>(null);

  const answer = (scope: SeriesScope | null) => {
    resolver.current?.(scope);
    resolver.current = null;
    setAsking(null);
  };

  const ask = (question: Asking) =>
    new Promise<SeriesScope | null>((resolve) => {
      resolver.current = resolve;
      setAsking(question);
    });

  const modal = (
    <Modal open={asking !== null} title={asking?.title} onCancel={() => answer(null)} footer={null} data-testid="scope-modal">
      <Typography.Paragraph>{asking?.text}</Typography.Paragraph>
      <Flex gap={8} wrap justify="flex-end">
        <Button onClick={() => answer(null)}>{t('common.cancel')}</Button>
        {!asking?.followingOnly && (
          <Button onClick={() => answer('this')} data-testid="scope-this">
            {t('meetings.form.scopeThis')}
          </Button>
        )}
        <Button type="primary" onClick={() => answer('following')} data-testid="scope-following">
          {t('meetings.form.scopeFollowing')}
        </Button>
      </Flex>
    </Modal>
  );
  return { ask, modal };
}
