import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreatePositionInput, type Position } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { UpdatePositionInput } from '../api/types.ts';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { SUBJECT, createPosition, updatePosition } from './api.ts';
import { CatalogFormModal } from './CatalogFormModal.tsx';

interface PositionValues {
  code: string;
  name: string;
  rank: number;
}

/** 岗位. The code is fixed once created (other records refer to it); name and rank can change. */
export function PositionFormModal({ position, onClose }: { position?: Position; onClose: () => void }) {
  const { t } = useTranslation();
  const initial: PositionValues = { code: position?.code ?? '', name: position?.name ?? '', rank: position?.rank ?? 0 };

  const save = async (values: PositionValues): Promise<Position | null> => {
    if (!position) return createPosition({ code: values.code.trim(), name: values.name.trim(), rank: values.rank });
    const patch = changedFields<UpdatePositionInput>(initial, { name: values.name.trim(), rank: values.rank });
    return isEmptyPatch(patch) ? null : updatePosition(position.id, patch);
  };

  return (
    <CatalogFormModal
      title={position ? t('org.position.edit') : t('org.position.create')}
      creating={!position}
      initialValues={initial}
      codeSchema={CreatePositionInput.shape.code}
      save={save}
      list={queryKeys.positions}
      subjectType={SUBJECT.position}
      onClose={onClose}
    >
      <Form.Item
        name="rank"
        label={t('org.position.rank')}
        extra={t('org.position.rankHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </CatalogFormModal>
  );
}
