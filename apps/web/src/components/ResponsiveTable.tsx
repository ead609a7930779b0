import { Suspense, type Key, type MouseEvent, type ReactNode } from 'react';
import { Card, Empty, Flex, Pagination, Select, Spin, Skeleton, Typography, type TableColumnType, type TableProps } from 'antd';
import type { TablePaginationConfig } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { cellContent as cell, columnKey, sorterFor, sortValue } from './card-list.ts';
import { isPhoneNow, useIsPhone } from './use-phone.ts';
import { lazyPart } from './lazy-page.tsx';
import styles from './ResponsiveTable.module.css';

type Column<Row> = TableColumnType<Row>;

/**
 * Ant Design's table is the largest part of a list page (about 40 KB with its filter tree and selection controls) and
 * phones never show it: it is its own chunk, requested as soon as this module runs on a larger screen.
 */
const table = lazyPart(() => import('antd/es/table').then((m) => m.default));
if (!isPhoneNow()) table.preload();
/** React.lazy forgets that the table is generic in its rows; this gives the type back. */
const TablePart = table.Part as unknown as <Row extends object>(props: TableProps<Row>) => ReactNode;

interface ResponsiveTableProps<Row extends object> extends TableProps<Row> {
  /** On phones each row is a card: this column's cell is its heading, the others are label–value lines under it. */
  cardTitle: Key;
}

/**
 * A list table that becomes a list of cards on phones (below md): the same columns, rendered by the same `render`
 * functions, each row a card whose heading is the `cardTitle` column. Sortable columns become a sort picker above the
 * cards and the pagination is the simple one; both call `onChange` as the table would (action `sort` / `paginate`),
 * so list pages keep one change handler. On larger screens it is the plain Ant Design table.
 */
export function ResponsiveTable<Row extends object>({ cardTitle, ...props }: ResponsiveTableProps<Row>) {
  const phone = useIsPhone();
  if (!phone) {
    return (
      <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
        <TablePart<Row> {...props} />
      </Suspense>
    );
  }
  return <CardList cardTitle={cardTitle} {...props} />;
}

function CardList<Row extends object>({ cardTitle, columns = [], dataSource = [], rowKey, loading, onRow, onChange, pagination, locale, ...rest }: ResponsiveTableProps<Row>) {
  const { t } = useTranslation();
  const leaves = columns.filter((c): c is Column<Row> => !('children' in c));
  const titleColumn = leaves.find((c) => columnKey(c) === cardTitle);
  const others = leaves.filter((c) => c !== titleColumn && columnKey(c) !== undefined && c.title !== '');
  const sortable = leaves.filter((c) => c.sorter);
  const paging: TablePaginationConfig | null = pagination === false || pagination === undefined ? null : pagination;
  const testId = (rest as Record<string, unknown>)['data-testid'];

  const keyOf = (row: Row, index: number): Key =>
    typeof rowKey === 'function' ? rowKey(row, index) : ((row as Record<string, unknown>)[String(rowKey ?? 'key')] as Key | undefined) ?? index;

  const sortBy = (value: string | undefined) =>
    onChange?.(paging ?? {}, {}, sorterFor(sortable, value), { action: 'sort', currentDataSource: [...dataSource] });

  const spinning = typeof loading === 'object' ? Boolean(loading.spinning) : Boolean(loading);
  const empty = locale?.emptyText;

  return (
    <Flex vertical gap={12} data-testid={typeof testId === 'string' ? testId : undefined} className={styles.list}>
      {sortable.length > 0 && dataSource.length > 0 && (
        <Select<string>
          value={sortValue(sortable)}
          onChange={sortBy}
          allowClear
          placeholder={t('common.sortBy')}
          aria-label={t('common.sortBy')}
          options={sortable.flatMap((c) => [
            { value: `${String(columnKey(c))}:descend`, label: t('common.sortDescending', { column: typeof c.title === 'string' ? c.title : String(columnKey(c)) }) },
            { value: `${String(columnKey(c))}:ascend`, label: t('common.sortAscending', { column: typeof c.title === 'string' ? c.title : String(columnKey(c)) }) },
          ])}
          data-testid="card-sort"
        />
      )}
      <Spin spinning={spinning}>
        {dataSource.length === 0 ? (
          typeof empty === 'function' ? (
            empty()
          ) : typeof empty === 'string' ? (
            // A blank text is a list still loading: the spinner says enough.
            empty.trim() && <Empty description={empty} />
          ) : (
            (empty ?? <Empty />)
          )
        ) : (
          <Flex vertical gap={8}>
            {dataSource.map((row, index) => {
              const rowProps = onRow?.(row, index) ?? {};
              return (
                <Card
                  key={keyOf(row, index)}
                  size="small"
                  hoverable={Boolean(rowProps.onClick)}
                  onClick={rowProps.onClick as ((event: MouseEvent<HTMLDivElement>) => void) | undefined}
                  className={styles.card}
                  data-testid="row-card"
                >
                  {titleColumn && <div className={styles.title}>{cell(row, titleColumn, index)}</div>}
                  <dl className={styles.fields}>
                    {others.map((column) => (
                      <div key={String(columnKey(column))} className={styles.field}>
                        <dt>
                          <Typography.Text type="secondary">{column.title as ReactNode}</Typography.Text>
                        </dt>
                        <dd>{cell(row, column, index)}</dd>
                      </div>
                    ))}
                  </dl>
                </Card>
              );
            })}
          </Flex>
        )}
      </Spin>
      {paging && (paging.total ?? 0) > (paging.pageSize ?? 10) && (
        <Pagination
          simple
          align="center"
          current={paging.current}
          pageSize={paging.pageSize}
          total={paging.total}
          onChange={(page, pageSize) => onChange?.({ ...paging, current: page, pageSize }, {}, [], { action: 'paginate', currentDataSource: [...dataSource] })}
        />
      )}
      {paging && paging.total !== undefined && paging.total > 0 && (
        <Typography.Text type="secondary" className={styles.total}>
          {t('common.total', { total: paging.total })}
        </Typography.Text>
      )}
    </Flex>
  );
}
