/** `ListPage`: a page with one server-paged ProTable — search form, paging, reload, optional export. */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns, ProTableProps } from '@ant-design/pro-components';
import { App, Button } from 'antd';
import { useRef } from 'react';
import type { Key, MutableRefObject, ReactNode } from 'react';
import type { Page } from '../api/client';
import { download, errorText } from '../lib/errors';
import { useIsNarrow } from './use-is-narrow';

/** The query a list endpoint receives: the search form's values, `page` and `pageSize`. */
export type ListQuery = Record<string, string | number | boolean | undefined>;

/** The search form's values as query parameters: trimmed text, no blanks, no internal keys. */
export function toListQuery(params: Record<string, unknown>): ListQuery {
  const query: ListQuery = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith('_')) continue;
    if (typeof value === 'string') {
      if (value.trim() !== '') query[key] = value.trim();
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      query[key] = value;
    }
  }
  return query;
}

export interface ListPageProps<T extends object> {
  title: string;
  subTitle?: string;
  /** The table's own heading, e.g. 「单位列表」. */
  headerTitle: ReactNode;
  rowKey: keyof T & string | ((row: T) => Key);
  /** Columns; a searchable column's value (or its `search.transform`) becomes a query parameter. */
  columns: ProColumns<T>[];
  /** Loads one page for the query. */
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  /** The file to download for the current filters; shows an 「导出」 button. */
  exportUrl?: (query: ListQuery) => string;
  exportTestId?: string;
  /** Buttons beside reload, e.g. 「新建」. */
  toolbar?: ReactNode[];
  actionRef?: MutableRefObject<ActionType | undefined>;
  /** Anything else ProTable takes (expandable rows); the table scrolls sideways when too wide, so give ellipsis columns a width. */
  tableProps?: Omit<ProTableProps<T, Record<string, unknown>>, 'columns' | 'request' | 'rowKey' | 'actionRef' | 'headerTitle' | 'toolBarRender'>;
  /** Between the page title and the table, e.g. summary cards that set a filter. */
  aboveTable?: ReactNode;
  /** Modals and drawers of the page. */
  children?: ReactNode;
}

/** A list page: PageContainer, then a ProTable that pages, filters and exports on the server. */
export function ListPage<T extends object>({
  title,
  subTitle,
  headerTitle,
  rowKey,
  columns,
  fetchPage,
  exportUrl,
  exportTestId,
  toolbar = [],
  actionRef,
  tableProps,
  aboveTable,
  children,
}: ListPageProps<T>) {
  const { message } = App.useApp();
  const lastQuery = useRef<ListQuery>({});
  const isNarrow = useIsNarrow();

  // The file holds every row of the current filters, not just the page shown.
  const exportButton = exportUrl ? (
    <Button key="export" icon={<DownloadOutlined />} onClick={() => download(exportUrl(lastQuery.current))} data-testid={exportTestId} title="按当前筛选导出全部行">
      导出 Excel
    </Button>
  ) : null;

  return (
    <PageContainer title={title} subTitle={subTitle}>
      {aboveTable}
      <ProTable<T, Record<string, unknown>>
        rowKey={rowKey}
        actionRef={actionRef}
        columns={columns}
        cardBordered={false}
        headerTitle={headerTitle}
        search={{ labelWidth: 'auto', defaultCollapsed: isNarrow }}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => `共 ${total} 条` }}
        options={{ density: false, setting: true, reload: true }}
        dateFormatter="string"
        {...tableProps}
        request={async (params) => {
          const { current, pageSize, ...filters } = params;
          const filterQuery = toListQuery(filters);
          lastQuery.current = filterQuery;
          const answer = await fetchPage({ ...filterQuery, page: current, pageSize });
          return { data: answer.data, total: answer.total, success: true };
        }}
        onRequestError={(error) => message.error(errorText(error, '加载失败'))}
        toolBarRender={() => (exportButton ? [...toolbar, exportButton] : toolbar)}
      />
      {children}
    </PageContainer>
  );
}
