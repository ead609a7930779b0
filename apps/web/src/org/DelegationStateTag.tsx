import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '@henji/contracts';

const COLORS: Record<Delegation['state'], string> = { scheduled: 'blue', active: 'green', expired: 'default', revoked: 'red' };

export function DelegationStateTag({ state }: { state: Delegation['state'] }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[state]}>{t(`org.delegation.state.${state}`)}</Tag>;
}
