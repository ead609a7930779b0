import type { ReactNode } from 'react';
import { Divider, Drawer } from 'antd';
import { TracePanel } from './TracePanel.tsx';
import { useIsPhone } from './use-phone.ts';

interface DetailDrawerProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** The ledger subject whose traces are listed under the details. */
  subjectType: string;
  subjectId: string | null;
  extra?: ReactNode;
  children: ReactNode;
}

/** Details of one object and, below them, every trace it has left in the ledger. */
export function DetailDrawer({ title, open, onClose, subjectType, subjectId, extra, children }: DetailDrawerProps) {
  const phone = useIsPhone();
  // On a phone the drawer is the whole screen and its actions open the body, where they have room to wrap.
  return (
    <Drawer title={title} open={open} onClose={onClose} size={phone ? '100%' : 720} extra={phone ? undefined : extra} destroyOnHidden>
      {phone && extra && <div style={{ marginBottom: 16 }}>{extra}</div>}
      {children}
      <Divider />
      {subjectId && <TracePanel subjectType={subjectType} subjectId={subjectId} />}
    </Drawer>
  );
}
