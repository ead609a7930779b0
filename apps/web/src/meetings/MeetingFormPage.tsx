import { useParams } from 'react-router-dom';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../components/can.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { StatusResult } from '../components/StatusResult.tsx';
import { useMeeting } from './api.ts';
import { MeetingForm } from './MeetingForm.tsx';

/** 新建会议 (/meetings/new). */
export function NewMeetingPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('meetings.form.newTitle')} />
      <MeetingForm meeting={null} />
    </>
  );
}

/** 编辑会议 (/meetings/:id/edit): for those the server lets change it, until it ends. */
export function EditMeetingPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const meeting = useMeeting(id);
  if (meeting.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  return (
    <>
      <PageHeader title={`${t('meetings.form.editTitle')} · ${meeting.data.topic}`} />
      {can(meeting.data, 'update') ? <MeetingForm meeting={meeting.data} /> : <StatusResult status="403" title={t('meetings.form.notEditable')} />}
    </>
  );
}
