import { DashboardOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const CockpitPage = lazyPage(() => import('./cockpit-page').then((m) => m.CockpitPage));

/** The leaders' cockpit; it opens the 领导驾驶舱 group that milestones and targets join. */
export const cockpitPages = definePages({
  name: 'cockpit',
  groups: [{ key: 'leadership', path: '/leadership', name: '领导驾驶舱', icon: <FundProjectionScreenOutlined />, order: 10 }],
  pages: [
    {
      path: '/cockpit',
      permission: 'summary.read',
      component: CockpitPage,
      menu: {
        group: 'leadership',
        key: 'cockpit',
        name: '驾驶舱',
        icon: <DashboardOutlined />,
        testId: 'nav-cockpit',
        description: '一屏总览：投资完成与同比、目标进度、开竣工、分领域分乡镇、乡镇地图与滞后项目，可全屏上墙',
      },
    },
  ],
});
