import { useTranslation } from 'react-i18next';
import type { Position } from '@henji/contracts';
import { SUBJECT, usePositions } from './api.ts';
import { CatalogPage } from './CatalogPage.tsx';
import { PositionFormModal } from './PositionFormModal.tsx';
import { useReferenceLabels } from './reference-labels.ts';

/** Most senior first, as the server lists them. */
const byRank = (a: Position, b: Position) => b.rank - a.rank || a.code.localeCompare(b.code);

/** 岗位: head, director, supervisor, specialist and any added ones, by rank. */
export function PositionsPage() {
  const { t } = useTranslation();
  const positions = usePositions();
  const labels = useReferenceLabels();
  const rank = t('org.position.rank');

  return (
    <CatalogPage<Position>
      title={t('nav.positions')}
      description={t('org.position.description')}
      createText={t('org.position.create')}
      emptyText={t('org.position.empty')}
      entries={positions}
      order={byRank}
      label={labels.position}
      subjectType={SUBJECT.position}
      skeletonRows={5}
      columns={({ name, code, kind, actions }) => [name, code, { title: rank, dataIndex: 'rank', width: 100, align: 'right' }, kind, actions]}
      details={(position, { name, code, kind }) => [name, code, { key: 'rank', label: rank, children: position.rank }, kind]}
      renderForm={(position, onClose) => <PositionFormModal position={position} onClose={onClose} />}
    />
  );
}
