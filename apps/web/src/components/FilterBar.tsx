import type { ReactNode } from 'react';
import { Flex } from 'antd';
import styles from './FilterBar.module.css';

/**
 * The row of filters above a list. Controls keep their desktop widths (inline styles); on a phone each takes the
 * whole row, or half of it with `className={FILTER_HALF}` — so no page needs to ask `useIsPhone` for its filters.
 */
export function FilterBar({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Flex gap={8} wrap className={styles.bar} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Flex>
  );
}

export const FILTER_HALF = styles.half;
