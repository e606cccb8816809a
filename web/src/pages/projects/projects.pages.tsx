import { CloudUploadOutlined, DatabaseOutlined, FileDoneOutlined, FolderOpenOutlined, ProjectOutlined, SolutionOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const LibrariesPage = lazyPage(() => import('./libraries-page').then((m) => m.LibrariesPage));
const LibraryReviewsPage = lazyPage(() => import('./library-reviews-page').then((m) => m.LibraryReviewsPage));
const ProceduresPage = lazyPage(() => import('./procedures-page').then((m) => m.ProceduresPage));
const ProjectDetailPage = lazyPage(() => import('./project-detail-page').then((m) => m.ProjectDetailPage));
const ProjectFormPage = lazyPage(() => import('./project-form-page').then((m) => m.ProjectFormPage));
const ProjectImportPage = lazyPage(() => import('./project-import-page').then((m) => m.ProjectImportPage));
const ProjectListPage = lazyPage(() => import('./project-list-page').then((m) => m.ProjectListPage));

/** The project library: list, form, detail, ledger import, library reviews, 前期手续 and library settings. */
export const projectsPages = definePages({
  name: 'projects',
  groups: [{ key: 'project-management', path: '/project-management', name: '项目管理', icon: <ProjectOutlined />, order: 20 }],
  pages: [
    {
      path: '/projects',
      permission: 'project.read',
      component: ProjectListPage,
      menu: {
        group: 'project-management',
        key: 'projects',
        name: '项目库',
        icon: <FolderOpenOutlined />,
        testId: 'nav-projects',
        description: '全县项目统一台账：检索、新建、阶段变更、入库申请与附件',
        byScope: { project: { name: '我的项目', description: '本单位建设的项目：项目信息、前期手续、附件与月报' } },
      },
    },
    { path: '/projects/new', permission: 'project.create', component: ProjectFormPage },
    {
      path: '/projects/import',
      permission: 'project.import',
      component: ProjectImportPage,
      menu: {
        group: 'project-management',
        key: 'project-import',
        name: '导入台账',
        icon: <CloudUploadOutlined />,
        testId: 'nav-project-import',
        description: '上传 Excel 项目台账，逐行逐列检查后整份导入',
      },
    },
    {
      path: '/projects/reviews',
      permission: 'library.review',
      component: LibraryReviewsPage,
      menu: {
        group: 'project-management',
        key: 'library-reviews',
        name: '入库审核',
        icon: <SolutionOutlined />,
        testId: 'nav-library-reviews',
        description: '待审核的项目入库、调整、出库申请',
      },
    },
    {
      path: '/projects/procedures',
      permission: 'project.read',
      component: ProceduresPage,
      menu: {
        group: 'project-management',
        key: 'procedures',
        name: '前期手续',
        icon: <FileDoneOutlined />,
        testId: 'nav-procedures',
        description: '用地预审、环评、施工许可等前期手续的待办、卡点与逾期',
      },
    },
    {
      path: '/projects/libraries',
      permission: 'library.manage',
      component: LibrariesPage,
      menu: {
        group: 'project-management',
        key: 'libraries',
        name: '项目库设置',
        icon: <DatabaseOutlined />,
        testId: 'nav-libraries',
        description: '"4+X" 项目库配置与项目储备健康度',
      },
    },
    { path: '/projects/:id', permission: 'project.read', component: ProjectDetailPage },
    { path: '/projects/:id/edit', permission: 'project.update', component: ProjectFormPage },
  ],
});
