import {
  ApartmentOutlined,
  BarChartOutlined,
  CalendarOutlined,
  EditOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  ProjectOutlined,
  SettingOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../common/permissions';

/** A page of the app shell, shown in the menu only when the user holds its permission. */
export interface Section {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  testId: string;
  /** Null: every logged-in user. */
  permission: Permission | null;
  description: string;
}

export interface SectionGroup {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  sections: Section[];
}

export const HOME_SECTION: Section = {
  key: 'home',
  path: '/',
  name: '工作台',
  icon: <HomeOutlined />,
  testId: 'nav-home',
  permission: null,
  description: '个人信息与可用功能入口',
};

/** The sections that exist today. Modules not yet built get no menu entry. */
export const SECTION_GROUPS: SectionGroup[] = [
  {
    key: 'leadership',
    path: '/leadership',
    name: '领导驾驶舱',
    icon: <FundProjectionScreenOutlined />,
    sections: [
      {
        key: 'cockpit',
        path: '/cockpit',
        name: '驾驶舱',
        icon: <DashboardOutlined />,
        testId: 'nav-cockpit',
        permission: 'summary.read',
        description: '一屏总览：投资完成与同比、目标进度、开竣工、分领域分乡镇、乡镇地图与滞后项目，可全屏上墙',
      },
      {
        key: 'milestones',
        path: '/milestones',
        name: '挂图作战',
        icon: <ScheduleOutlined />,
        testId: 'nav-milestones',
        permission: 'project.read',
        description: '重点项目里程碑甘特图：按期、临期、逾期一目了然，倒计时提醒',
      },
      {
        key: 'targets',
        path: '/targets',
        name: '目标任务',
        icon: <FlagOutlined />,
        testId: 'nav-targets',
        permission: 'target.read',
        description: '年度"1116"目标任务、分解到部门乡镇及实时进度',
      },
    ],
  },
  {
    key: 'project-management',
    path: '/project-management',
    name: '项目管理',
    icon: <ProjectOutlined />,
    sections: [
      {
        key: 'projects',
        path: '/projects',
        name: '项目库',
        icon: <FolderOpenOutlined />,
        testId: 'nav-projects',
        permission: 'project.read',
        description: '全县项目统一台账：检索、新建、阶段变更、入库申请与附件',
      },
      {
        key: 'project-import',
        path: '/projects/import',
        name: '导入台账',
        icon: <CloudUploadOutlined />,
        testId: 'nav-project-import',
        permission: 'project.import',
        description: '上传 Excel 项目台账，逐行逐列检查后整份导入',
      },
      {
        key: 'library-reviews',
        path: '/projects/reviews',
        name: '入库审核',
        icon: <SolutionOutlined />,
        testId: 'nav-library-reviews',
        permission: 'library.review',
        description: '待审核的项目入库、调整、出库申请',
      },
      {
        key: 'procedures',
        path: '/projects/procedures',
        name: '前期手续',
        icon: <FileDoneOutlined />,
        testId: 'nav-procedures',
        permission: 'project.read',
        description: '用地预审、环评、施工许可等前期手续的待办、卡点与逾期',
      },
      {
        key: 'libraries',
        path: '/projects/libraries',
        name: '项目库设置',
        icon: <DatabaseOutlined />,
        testId: 'nav-libraries',
        permission: 'library.manage',
        description: '"4+X" 项目库配置与项目储备健康度',
      },
    ],
  },
  {
    key: 'monthly',
    path: '/monthly',
    name: '月报调度',
    icon: <CalendarOutlined />,
    sections: [
      {
        key: 'monthly-reports',
        path: '/monthly/reports',
        name: '月报填报',
        icon: <EditOutlined />,
        testId: 'nav-monthly-reports',
        // Everyone who reviews reports also fills them (see ROLE_PERMISSIONS), so report.fill gates the entry.
        permission: 'report.fill',
        description: '逐项目填报本月完成投资、形象进度、问题与措施，批量保存提交，部门审核与更正',
      },
      {
        key: 'monthly-periods',
        path: '/monthly/periods',
        name: '报送期',
        icon: <CalendarOutlined />,
        testId: 'nav-monthly-periods',
        permission: 'project.read',
        description: '各月报送期与截止日，缺报迟报情况，报送期关闭与重开申请',
      },
      {
        key: 'monthly-summary',
        path: '/monthly/summary',
        name: '月度汇总',
        icon: <BarChartOutlined />,
        testId: 'nav-monthly-summary',
        permission: 'summary.read',
        description: '全县固定资产投资完成、同比增长，分领域、部门、乡镇汇总，开竣工与滞后项目，分析报告下载',
      },
    ],
  },
  {
    key: 'system',
    path: '/system',
    name: '系统管理',
    icon: <SettingOutlined />,
    sections: [
      {
        key: 'units',
        path: '/system/units',
        name: '单位管理',
        icon: <ApartmentOutlined />,
        testId: 'nav-units',
        permission: 'org.read',
        description: '县直部门、乡镇、园区及项目单位的组织机构信息',
      },
      {
        key: 'users',
        path: '/system/users',
        name: '用户管理',
        icon: <TeamOutlined />,
        testId: 'nav-users',
        permission: 'user.read',
        description: '账号、角色、数据范围、密码重置与解除锁定',
      },
      {
        key: 'audit',
        path: '/system/audit',
        name: '审计日志',
        icon: <AuditOutlined />,
        testId: 'nav-audit',
        permission: 'audit.read',
        description: '所有写操作的留痕记录，可校验审计链是否被篡改',
      },
    ],
  },
];

/** The sections a user may open, by their permission list. */
export function visibleSections(permissions: readonly string[]): Section[] {
  return SECTION_GROUPS.flatMap((group) => group.sections).filter(
    (section) => section.permission === null || permissions.includes(section.permission),
  );
}
