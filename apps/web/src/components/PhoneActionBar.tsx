import { useLayoutEffect, useRef, type ReactNode } from 'react';
import styles from './PhoneActionBar.module.css';

/** The custom property the phone layout adds below the page, so the last lines are not hidden under the bar. */
const RESERVED = '--henji-bottom-bar';

/**
 * A page's main actions on a phone: fixed to the bottom of the viewport (above the home indicator, safe-area
 * padding), always in reach with the thumb however far the page is scrolled. While it is shown the page keeps
 * room below its content for it (the layout reads `--henji-bottom-bar`).
 */
export function PhoneActionBar({ children, testId }: { children: ReactNode; testId?: string }) {
  const bar = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement.style;
    const reserve = () => root.setProperty(RESERVED, `${element.offsetHeight}px`);
    reserve();
    const observer = new ResizeObserver(reserve);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty(RESERVED);
    };
  }, []);
  return (
    <div ref={bar} className={styles.bar} data-testid={testId}>
      {children}
    </div>
  );
}
