import { Route, Routes } from 'react-router-dom';
import { mayOpen, type PageDefinition } from './layout/define-pages';
import { RequireSession } from './layout/app-layout';
import { PAGES } from './layout/sections';
import { useSession } from './auth/session';
import { ChangePasswordPage } from './pages/change-password-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { ForbiddenPage, NotFoundPage } from './pages/status-pages';

/** A page, or 无权访问 for a user who may not open it. */
function PageGate({ page }: { page: PageDefinition }) {
  const { me } = useSession();
  const Page = page.component;
  return me && mayOpen(page, me.permissions) ? <Page /> : <ForbiddenPage />;
}

/** The routes of the app, built from the modules' page declarations; every page but login and password change sits in the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomePage />} />
        {PAGES.map((page) => (
          <Route key={page.path} path={page.path.slice(1)} element={<PageGate page={page} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
