import { Grid } from 'antd';

/**
 * True on a phone-sized screen (narrower than Ant Design's `md`, 768 px): the menu becomes a drawer, tables become
 * cards, forms take one column and the page's main actions stick to the bottom. Before the first measurement the
 * breakpoints are unknown and the desktop layout is kept.
 */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
