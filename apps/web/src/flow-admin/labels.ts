/** Translated labels for the definition language's enumerations, shared by the designer's editors. */
import { useTranslation } from 'react-i18next';
import type { FieldType } from '@henji/contracts';
import { NODE_TYPES, type NodeNames } from './node-skeleton.ts';
import type { WorkingTimeUnits } from './working-time.ts';

export function useNodeNames(): NodeNames {
  const { t } = useTranslation();
  return Object.fromEntries(NODE_TYPES.map((type) => [type, t(`flowAdmin.flow.types.${type}`)])) as NodeNames;
}

export function useFieldTypeLabel(): (type: FieldType) => string {
  const { t } = useTranslation();
  return (type) => t(`flowAdmin.form.types.${type}`);
}

export function useWorkingTimeUnits(): WorkingTimeUnits {
  const { t } = useTranslation();
  return {
    days: (n) => t('flowAdmin.time.days', { n }),
    hours: (n) => t('flowAdmin.time.hours', { n }),
    minutes: (n) => t('flowAdmin.time.minutes', { n }),
    separator: t('flowAdmin.time.separator'),
  };
}
