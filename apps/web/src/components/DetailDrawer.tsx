import type { ReactNode } from 'react';
import { Divider, Drawer } from 'antd';
import { TracePanel } from './TracePanel.tsx';

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
  return (
    <Drawer title={title} open={open} onClose={onClose} size={720} extra={extra} destroyOnHidden>
      {children}
      <Divider />
      {subjectId && <TracePanel subjectType={subjectType} subjectId={subjectId} />}
    </Drawer>
  );
}
