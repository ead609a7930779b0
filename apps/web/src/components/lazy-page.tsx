/**
 * Route pages load on demand: `lazyPage(() => import('./area/SomePage.tsx'), 'SomePage')` gives the element for a
 * `<Route>`; its code is a chunk of its own, fetched the first time the route is shown, with a spinner meanwhile.
 * The sign-in page and the inbox therefore download only what they use (docs/BENCHMARKS.md, page load). Every page
 * route in App.tsx is written this way; new ones should be too (a static import of a page pulls it, and everything it
 * imports, into the first download of every visitor).
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { FullPageSpin } from './FullPageSpin.tsx';

export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): ReactElement {
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}
