import { Skeleton, Typography } from 'antd';
import { useUser } from './api.ts';

/** A user's display name from their id (cached per user); the id itself if the user cannot be read. */
export function UserName({ id }: { id: string | null | undefined }) {
  const user = useUser(id);
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  if (user.isPending) return <Skeleton.Input active size="small" style={{ width: 64, height: 16 }} />;
  if (user.isError) return <Typography.Text type="secondary">{id.slice(0, 8)}</Typography.Text>;
  return <span title={user.data.username}>{user.data.displayName}</span>;
}
