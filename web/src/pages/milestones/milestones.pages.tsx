import { ScheduleOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { MilestonesPage } from './milestones-page';

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
        description: '重点项目里程碑甘特图：按期、临期、逾期一目了然，倒计时提醒',
      },
    },
  ],
});
