import { FlagOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const TargetsPage = lazyPage(() => import('./targets-page').then((m) => m.TargetsPage));

/** Annual targets and their progress. */
export const targetsPages = definePages({
  name: 'targets',
  pages: [
    {
      path: '/targets',
      permission: 'target.read',
      component: TargetsPage,
      menu: {
        group: 'leadership',
        key: 'targets',
        name: '目标任务',
        icon: <FlagOutlined />,
        testId: 'nav-targets',
        description: '年度"1116"目标任务、分解到部门乡镇及实时进度',
        // The 商务局 reads its own targets without the leaders' figures: under 项目管理 for it.
        groupPermission: 'summary.read',
        otherGroup: 'project-management',
      },
    },
  ],
});
