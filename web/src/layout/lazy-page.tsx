import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A page loaded with its own chunk when first opened, so the login page and a clerk's first
 * page do not download every other module's code (a county network is slow). Declare a
 * page's component as `lazyPage(() => import('./x-page').then((m) => m.XPage))`.
 */
export function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  return lazy(() => load().then((component) => ({ default: component })));
}

/** Shown while a page's chunk arrives. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, display: 'flex', justifyContent: 'center' }}>
          <Spin size="large" />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}
