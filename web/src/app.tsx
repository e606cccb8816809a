import { Route, Routes } from 'react-router-dom';
import { RequireSession } from './layout/app-layout';
import { InboxPage } from './components/inbox-bell';
import { AuditPage } from './pages/audit-page';
import { CockpitPage } from './pages/cockpit/cockpit-page';
import { MilestonesPage } from './pages/milestones/milestones-page';
import { TargetsPage } from './pages/targets/targets-page';
import { ChangePasswordPage } from './pages/change-password-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { PeriodsPage } from './pages/monthly/periods-page';
import { MonthlyReportsPage, RequireReportAccess } from './pages/monthly/reports-page';
import { MonthlySummaryPage } from './pages/monthly/summary-page';
import { LibrariesPage } from './pages/projects/libraries-page';
import { LibraryReviewsPage } from './pages/projects/library-reviews-page';
import { ProceduresPage } from './pages/projects/procedures-page';
import { ProjectDetailPage } from './pages/projects/project-detail-page';
import { ProjectFormPage } from './pages/projects/project-form-page';
import { ProjectImportPage } from './pages/projects/project-import-page';
import { ProjectListPage } from './pages/projects/project-list-page';
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
          path="cockpit"
          element={
            <RequirePermission permission="summary.read">
              <CockpitPage />
            </RequirePermission>
          }
        />
        <Route
          path="milestones"
          element={
            <RequirePermission permission="project.read">
              <MilestonesPage />
            </RequirePermission>
          }
        />
        <Route
          path="targets"
          element={
            <RequirePermission permission="target.read">
              <TargetsPage />
            </RequirePermission>
          }
        />
        <Route path="inbox" element={<InboxPage />} />
        <Route
          path="projects"
          element={
            <RequirePermission permission="project.read">
              <ProjectListPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/new"
          element={
            <RequirePermission permission="project.create">
              <ProjectFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/import"
          element={
            <RequirePermission permission="project.import">
              <ProjectImportPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/reviews"
          element={
            <RequirePermission permission="library.review">
              <LibraryReviewsPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/procedures"
          element={
            <RequirePermission permission="project.read">
              <ProceduresPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/libraries"
          element={
            <RequirePermission permission="library.manage">
              <LibrariesPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/:id"
          element={
            <RequirePermission permission="project.read">
              <ProjectDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="projects/:id/edit"
          element={
            <RequirePermission permission="project.update">
              <ProjectFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="monthly/reports"
          element={
            <RequireReportAccess>
              <MonthlyReportsPage />
            </RequireReportAccess>
          }
        />
        <Route
          path="monthly/periods"
          element={
            <RequirePermission permission="project.read">
              <PeriodsPage />
            </RequirePermission>
          }
        />
        <Route
          path="monthly/summary"
          element={
            <RequirePermission permission="summary.read">
              <MonthlySummaryPage />
            </RequirePermission>
          }
        />
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
