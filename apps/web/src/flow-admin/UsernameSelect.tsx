import { useDeferredValue, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys.ts';
import { fetchUsers } from '../org/api.ts';

interface UsernameSelectProps {
  value: string;
  onChange?: (username: string) => void;
  status?: 'error';
}

/** Picks a user by searching the directory; definitions name users by username, which survives an export. */
export function UsernameSelect({ value, onChange, status }: UsernameSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const results = useQuery({
    queryKey: queryKeys.users.search(q, false),
    queryFn: () => fetchUsers({ q: q || undefined, pageSize: 20, status: 'active' }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (results.data?.items ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });

  return (
    <Select<string>
      value={value || undefined}
      status={status}
      disabled={!onChange}
      onChange={(next) => onChange?.(next ?? '')}
      options={options}
      loading={results.isFetching}
      placeholder={t('org.user.pick')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
