import { Grid } from 'antd';

/** Ant Design's `md` breakpoint: 768 px and wider is not a phone. */
const NOT_PHONE = '(min-width: 768px)';

/** The same question answered at once, outside React (before the first render, at a module's evaluation). */
export const isPhoneNow = (): boolean => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && !window.matchMedia(NOT_PHONE).matches;

/**
 * True on a phone-sized screen (narrower than Ant Design's `md`, 768 px): the menu becomes a drawer, tables become
 * cards, forms take one column and the page's main actions stick to the bottom. Ant Design measures the breakpoints
 * after the first render; until then the media query answers, so a phone never renders (or downloads) the desktop
 * layout first.
 */
export function useIsPhone(): boolean {
  const md = Grid.useBreakpoint().md;
  return md === undefined ? isPhoneNow() : md === false;
}
