import { ScheduleOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const MilestonesPage = lazyPage(() => import('./milestones-page').then((m) => m.MilestonesPage));

/** 挂图作战: the portfolio Gantt. */
export const milestonesPages = definePages({
  name: 'milestones',
  pages: [
    {
      path: '/milestones',
      permission: 'project.read',
      component: MilestonesPage,
      menu: {
        group: 'leadership',
        key: 'milestones',
        name: '挂图作战',
        icon: <ScheduleOutlined />,
        testId: 'nav-milestones',
        description: '重点项目里程碑甘特图：按期、临期、逾期一目了然，倒计时提醒，可打印上墙',
        // In the leaders' group for those who read the figures; a 项目单位 keeps its plans under 项目管理.
        groupPermission: 'summary.read',
        otherGroup: 'project-management',
        byScope: { project: { name: '里程碑计划', description: '本单位项目的里程碑计划：计划日期、实际完成与倒计时' } },
      },
    },
  ],
});
