import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Skeleton, Table, type TableProps } from 'antd';
import { QueryError } from './QueryError.tsx';

interface QueryTableProps<Row extends { id: string }> extends Omit<TableProps<Row>, 'rowKey' | 'dataSource' | 'onRow'> {
  /** The query the rows come from; while it loads or when it fails, that is shown instead of the table. */
  query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'refetch'>;
  rows: readonly Row[];
  /** Skeleton lines while loading: about as many as the rows usually are. */
  skeletonRows: number;
  emptyText: string;
  /** Clicking anywhere on a row opens it, usually in the detail drawer. */
  onOpen: (row: Row) => void;
}

/** The rows a query loaded, or its loading, error or empty state in their place. */
export function QueryTable<Row extends { id: string }>({ query, rows, skeletonRows, emptyText, onOpen, ...tableProps }: QueryTableProps<Row>) {
  if (query.isPending) return <Skeleton active paragraph={{ rows: skeletonRows }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (rows.length === 0) return <Empty description={emptyText} />;
  return (
    <Table<Row>
      {...tableProps}
      rowKey="id"
      dataSource={rows}
      onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } })}
    />
  );
}
