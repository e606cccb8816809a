import { Route, Routes } from 'react-router-dom';
import { RequireSession } from './layout/app-layout';
import { AuditPage } from './pages/audit-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage, RequirePermission } from './pages/status-pages';
import { UnitsPage } from './pages/units-page';
import { UsersPage } from './pages/users-page';

/** The routes of the app; every page but login and password change sits in the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomePage />} />
        <Route
          path="system/units"
          element={
            <RequirePermission permission="org.read">
              <UnitsPage />
            </RequirePermission>
          }
        />
        <Route
          path="system/users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="system/audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
