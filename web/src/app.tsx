import { Route, Routes } from 'react-router-dom';
import { mayOpen, type PageDefinition } from './layout/define-pages';
import { lazyPage, PageSuspense } from './layout/lazy-page';
import { PAGES } from './layout/sections';
import { useSession } from './auth/session';
import { LoginPage } from './pages/login-page';
import { ForbiddenPage, NotFoundPage } from './pages/status-pages';

// The shell (menu, header) and every page come in their own chunks: the login page loads neither.
const RequireSession = lazyPage(() => import('./layout/app-layout').then((m) => m.RequireSession));
const HomePage = lazyPage(() => import('./pages/home-page').then((m) => m.HomePage));
const ChangePasswordPage = lazyPage(() => import('./pages/change-password-page').then((m) => m.ChangePasswordPage));

/** A page, or 无权访问 for a user who may not open it. */
function PageGate({ page }: { page: PageDefinition }) {
  const { me } = useSession();
  const Page = page.component;
  return me && mayOpen(page, me.permissions) ? (
    <PageSuspense>
      <Page />
    </PageSuspense>
  ) : (
    <ForbiddenPage />
  );
}

/** The routes of the app, built from the modules' page declarations; every page but login and password change sits in the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <PageSuspense>
            <ChangePasswordPage />
          </PageSuspense>
        }
      />
      <Route
        element={
          <PageSuspense>
            <RequireSession />
          </PageSuspense>
        }
      >
        <Route
          index
          element={
            <PageSuspense>
              <HomePage />
            </PageSuspense>
          }
        />
        {PAGES.map((page) => (
          <Route key={page.path} path={page.path.slice(1)} element={<PageGate page={page} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
