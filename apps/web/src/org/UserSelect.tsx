import { useDeferredValue, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { fetchUsers, useUser } from './api.ts';

interface UserSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  /** Leave a user out of the choices, e.g. someone cannot be their own manager. */
  excludeId?: string;
  /** Leave several users out, e.g. an application's applicant and who signed its other levels (separation of duties). */
  excludeIds?: readonly string[];
  /** Offer disabled and departed users too, e.g. a delegation set for someone who has left. */
  includeInactive?: boolean;
  id?: string;
}

const SEARCH_PAGE_SIZE = 20;
const optionOf = (user: User) => ({ value: user.id, label: `${user.displayName} (${user.username})` });

/**
 * Picks one user by searching the server (the directory may be large). The current value is loaded on its own, so
 * its name shows even when it is not among the search results.
 */
export function UserSelect({ value, onChange, placeholder, excludeId, excludeIds = [], includeInactive = false, id }: UserSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const results = useQuery({
    queryKey: queryKeys.users.search(q, includeInactive),
    queryFn: () => fetchUsers({ q: q || undefined, pageSize: SEARCH_PAGE_SIZE, status: includeInactive ? undefined : 'active' }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const current = useUser(value);

  const options = (results.data?.items ?? []).filter((u) => u.id !== excludeId && !excludeIds.includes(u.id)).map(optionOf);
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift(optionOf(current.data));

  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      loading={results.isFetching}
      placeholder={placeholder ?? t('org.user.pick')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      style={{ width: '100%' }}
    />
  );
}
