import { ControlOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const RulesPage = lazyPage(() => import('./rules-page').then((m) => m.RulesPage));

/** Rules as data: the rule sets of the division and their versions. */
export const settingsPages = definePages({
  name: 'settings',
  pages: [
    {
      path: '/system/rules',
      permission: 'rules.read',
      component: RulesPage,
      menu: {
        group: 'system',
        key: 'rules',
        name: '规则设置',
        icon: <ControlOutlined />,
        testId: 'nav-rules',
        description: '统计起点与重大项目标准、储备比目标、提醒与督办天数、照片上限、默认增长目标（可按县、市、省设定并留存版本）',
      },
    },
  ],
});
