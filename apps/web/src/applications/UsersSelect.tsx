import { useDeferredValue, useState } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { fetchUsers } from '../org/api.ts';

interface UsersSelectProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  disabled?: boolean;
}

const SEARCH_PAGE_SIZE = 20;
const optionOf = (user: User) => ({ value: user.id, label: `${user.displayName} (${user.username})` });

/**
 * Picks several users by searching the server (a form's user field with `multiple`). Chosen users are loaded one by
 * one from the same cache as UserSelect, so their names show even when they are not among the search results.
 */
export function UsersSelect({ value = [], onChange, id, disabled }: UsersSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const results = useQuery({
    queryKey: queryKeys.users.search(q, false),
    queryFn: () => fetchUsers({ q: q || undefined, pageSize: SEARCH_PAGE_SIZE, status: 'active' }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const chosen = useQueries({
    queries: value.map((userId) => ({
      queryKey: queryKeys.users.detail(userId),
      queryFn: () => api<User>(`/api/users/${encodeURIComponent(userId)}`),
      staleTime: 60_000,
    })),
  });

  const options = (results.data?.items ?? []).map(optionOf);
  for (const user of chosen) {
    if (user.data && !options.some((o) => o.value === user.data.id)) options.unshift(optionOf(user.data));
  }

  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={results.isFetching}
      placeholder={t('applications.form.pickUsers')}
      allowClear
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
