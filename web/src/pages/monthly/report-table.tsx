import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Space, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import type { HTMLAttributes, ReactNode } from 'react';
import type { GridRow } from '../../api/monthly';
import { REPORT_GRID_WIDTH } from './report-columns';

/** The reports grid off a phone: one row per project, with selection for batch work (its own chunk). */
export default function ReportTable(props: {
  rows: GridRow[];
  columns: ProColumns<GridRow>[];
  isLoading: boolean;
  statusLine: string | null;
  onReload: () => void;
  rowSelection: TableRowSelection<GridRow> | undefined;
  pagination: TablePaginationConfig;
  toolbar: ReactNode[];
}) {
  return (
    <ProTable<GridRow>
      rowKey="projectId"
      columns={props.columns}
      dataSource={props.rows}
      loading={props.isLoading}
      search={false}
      cardBordered={false}
      size="small"
      headerTitle={
        <Space size={12} wrap>
          <span>填报表</span>
          {props.statusLine && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              {props.statusLine}
            </Typography.Text>
          )}
        </Space>
      }
      options={{ density: false, setting: true, reload: props.onReload }}
      scroll={{ x: REPORT_GRID_WIDTH }}
      onRow={(row) => ({ 'data-testid': `report-row-${row.projectId}` }) as HTMLAttributes<HTMLElement>}
      rowSelection={props.rowSelection}
      tableAlertRender={false}
      pagination={{ ...props.pagination, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] }}
      toolBarRender={() => props.toolbar}
    />
  );
}
