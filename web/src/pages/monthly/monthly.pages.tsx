import { BarChartOutlined, CalendarOutlined, EditOutlined } from '@ant-design/icons';
import { definePages } from '../../layout/define-pages';
import { lazyPage } from '../../layout/lazy-page';

const PeriodsPage = lazyPage(() => import('./periods-page').then((m) => m.PeriodsPage));
const MonthlyReportsPage = lazyPage(() => import('./reports-page').then((m) => m.MonthlyReportsPage));
const MonthlySummaryPage = lazyPage(() => import('./summary-page').then((m) => m.MonthlySummaryPage));

/** The monthly cycle: filling and reviewing reports, periods, the 发改局 summary. */
export const monthlyPages = definePages({
  name: 'monthly-reports',
  groups: [{ key: 'monthly', path: '/monthly', name: '月报调度', icon: <CalendarOutlined />, order: 30 }],
  pages: [
    {
      path: '/monthly/reports',
      // Reviewers open the page to review, fillers to fill.
      permission: ['report.fill', 'report.review'],
      component: MonthlyReportsPage,
      menu: {
        group: 'monthly',
        key: 'monthly-reports',
        name: '月报填报',
        icon: <EditOutlined />,
        testId: 'nav-monthly-reports',
        description: '逐项目填报本月完成投资、形象进度、问题与措施，批量保存提交，部门审核与更正',
      },
    },
    {
      path: '/monthly/periods',
      permission: 'project.read',
      component: PeriodsPage,
      menu: {
        group: 'monthly',
        key: 'monthly-periods',
        name: '报送期',
        icon: <CalendarOutlined />,
        testId: 'nav-monthly-periods',
        description: '各月报送期与截止日，缺报迟报情况，报送期关闭与重开申请',
      },
    },
    {
      path: '/monthly/summary',
      permission: 'summary.read',
      component: MonthlySummaryPage,
      menu: {
        group: 'monthly',
        key: 'monthly-summary',
        name: '月度汇总',
        icon: <BarChartOutlined />,
        testId: 'nav-monthly-summary',
        description: '全县固定资产投资完成、同比增长，分领域、部门、乡镇汇总，开竣工与滞后项目，分析报告下载',
      },
    },
  ],
});
