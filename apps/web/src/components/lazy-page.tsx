/**
 * Route pages load on demand: `<Route path="inbox" {...lazyPage(() => import('./applications/InboxPage.tsx'), 'InboxPage')} />`
 * gives the route its element and a loader. The page's code is a chunk of its own. The loader only starts fetching it
 * (it does not wait): the router calls the loaders of every matched route at once when a navigation starts, so the
 * layout's chunk and the page's chunk download together, beside the session check, instead of one after the other;
 * the element shows a spinner until its chunk has arrived. The sign-in page and the inbox therefore download only what
 * they use (docs/BENCHMARKS.md §7). Every page route in App.tsx is written this way; new ones should be too: a static
 * import of a page pulls it, and everything it imports, into the first download of every visitor.
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { FullPageSpin } from './FullPageSpin.tsx';

export interface LazyRoute {
  element: ReactElement;
  loader: () => null;
}

export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyRoute {
  let loading: Promise<M> | null = null;
  const loadOnce = () => (loading ??= load());
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await loadOnce())[name] }));
  return {
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <Page />
      </Suspense>
    ),
    loader: () => {
      // A failed download is reported by the element (React.lazy rethrows it to the page's error boundary).
      loadOnce().catch(() => undefined);
      return null;
    },
  };
}

/**
 * A part of a page that shows only after a click — a dialog, a popover's body — as a component whose code downloads
 * when it first renders, not with the page. Render it inside `<Suspense>`; call `preload` where the click is likely
 * (a selection made, a button shown) so the part is usually there before it is asked for.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => (loading ??= load());
  const Part = lazy(async () => ({ default: await preload() }));
  return { Part, preload: () => void preload().catch(() => undefined) };
}
