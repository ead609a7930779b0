import { Card, Skeleton } from 'antd';
import { QueryError } from '../components/QueryError.tsx';

/** The card a home-page section shows while its query loads, or after it failed (with a retry). */
export function SectionState({ query }: { query: { isPending: boolean; error: unknown; refetch: () => unknown } }) {
  return (
    <Card style={{ marginBottom: 16 }}>
      {query.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : <QueryError error={query.error} onRetry={() => void query.refetch()} />}
    </Card>
  );
}
