import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreatePositionInput, type Position } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { UpdatePositionInput } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { schemaRule } from '../components/rules.ts';
import { SUBJECT, afterChange, createPosition, updatePosition } from './api.ts';

interface PositionValues {
  code: string;
  name: string;
  rank: number;
}

/** 岗位. The code is fixed once created (other records refer to it); name and rank can change. */
export function PositionFormModal({ position, onClose }: { position?: Position; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<PositionValues>();
  const initial: PositionValues = { code: position?.code ?? '', name: position?.name ?? '', rank: position?.rank ?? 0 };

  const save = useMutation({
    mutationFn: async (values: PositionValues): Promise<Position | null> => {
      if (!position) return createPosition({ code: values.code.trim(), name: values.name.trim(), rank: values.rank });
      const patch = changedFields<UpdatePositionInput>(initial, { name: values.name.trim(), rank: values.rank });
      return isEmptyPatch(patch) ? null : updatePosition(position.id, patch);
    },
    onSuccess: async (saved) => {
      if (saved === null) void message.info(t('common.noChanges'));
      else {
        void message.success(t('common.saved'));
        await afterChange(queryClient, queryKeys.positions, { type: SUBJECT.position, id: saved.id });
      }
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<PositionValues>
      title={position ? t('org.position.edit') : t('org.position.create')}
      form={form}
      initialValues={initial}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values)}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('common.code')}
        extra={position ? undefined : t('validation.code')}
        rules={position ? [] : [{ required: true, message: t('validation.required') }, schemaRule(CreatePositionInput.shape.code, t('validation.code'))]}
      >
        <Input disabled={Boolean(position)} autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="rank"
        label={t('org.position.rank')}
        extra={t('org.position.rankHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
