import { Button, Checkbox, Tooltip } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@henji/contracts';
import { BATCH_MAX, batchSelectable, toggleAll, toggleOne } from './logic.ts';

/**
 * The 选择 column of the to-do list: a checkbox per to-do that 批量同意 may approve, and one in the heading for the
 * whole page. A column rather than the table's row selection, so phones (where rows are cards) get it too; a click
 * on it does not open the application.
 */
export function useSelectColumn(items: readonly InboxItem[], selected: ReadonlySet<string>, onChange: (next: Set<string>) => void, phone = false): TableColumnType<InboxItem> {
  const { t } = useTranslation();
  return {
    key: 'select',
    width: 48,
    // On a phone the heading becomes each card's label, so it is a word; 全选 sits beside the buttons (SelectAll).
    title: phone ? t('comfort.batch.select') : <SelectAll items={items} selected={selected} onChange={onChange} />,
    render: (_: unknown, item: InboxItem) => {
      const box = (
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <Checkbox
            checked={selected.has(item.taskId)}
            disabled={!batchSelectable(item)}
            onChange={() => onChange(toggleOne(selected, item.taskId))}
            aria-label={t('comfort.batch.selectRow', { title: item.application.title })}
            data-testid="select-todo"
          />
        </span>
      );
      return batchSelectable(item) ? box : <Tooltip title={t('comfort.batch.notSelectable')}>{box}</Tooltip>;
    },
  };
}

/** Every selectable to-do of the page on or off; with a label on phones, where it stands on its own. */
export function SelectAll({ items, selected, onChange, label = false }: { items: readonly InboxItem[]; selected: ReadonlySet<string>; onChange: (next: Set<string>) => void; label?: boolean }) {
  const { t } = useTranslation();
  const selectable = items.filter(batchSelectable);
  const on = selectable.filter((i) => selected.has(i.taskId)).length;
  return (
    <Checkbox
      checked={selectable.length > 0 && on === selectable.length}
      indeterminate={on > 0 && on < selectable.length}
      disabled={selectable.length === 0}
      onChange={() => onChange(toggleAll(items, selected))}
      aria-label={t('comfort.batch.selectAll')}
      data-testid="select-all"
    >
      {label ? t('comfort.batch.selectAllShort') : null}
    </Checkbox>
  );
}

export function BatchButton({ count, onClick, block }: { count: number; onClick: () => void; block?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={count > BATCH_MAX ? t('comfort.batch.tooMany', { max: BATCH_MAX }) : undefined}>
      <Button type="primary" icon={<CheckOutlined />} disabled={count === 0 || count > BATCH_MAX} onClick={onClick} block={block} data-testid="batch-approve">
        {count > 0 ? t('comfort.batch.buttonCount', { count }) : t('comfort.batch.button')}
      </Button>
    </Tooltip>
  );
}
