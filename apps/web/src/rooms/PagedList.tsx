import type { UseQueryResult } from '@tanstack/react-query';
import type { TableColumnsType, TableProps } from 'antd';
import { QueryError } from '../components/QueryError.tsx';
import { ResponsiveTable } from '../components/ResponsiveTable.tsx';

interface PagedListProps<Row extends { id: string }> {
  list: UseQueryResult<{ items: Row[]; total: number }>;
  columns: TableColumnsType<Row>;
  /** The column that heads each card on a phone. */
  cardTitle: string;
  emptyText: string;
  pagination: (total: number | undefined) => TableProps<Row>['pagination'];
  onChange: TableProps<Row>['onChange'];
  scrollX: number;
  testId: string;
}

/** A rooms list loaded page by page: the table (cards on a phone), or the load error with a retry. */
export function PagedList<Row extends { id: string }>({ list, columns, cardTitle, emptyText, pagination, onChange, scrollX, testId }: PagedListProps<Row>) {
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <ResponsiveTable<Row>
      cardTitle={cardTitle}
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isPending || list.isFetching}
      locale={{ emptyText }}
      pagination={pagination(list.data?.total)}
      onChange={onChange}
      scroll={{ x: scrollX }}
      data-testid={testId}
    />
  );
}
