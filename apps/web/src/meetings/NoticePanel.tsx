import { Descriptions, Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@henji/contracts';
import { AttachmentList } from '../files/AttachmentList.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { agendaMinutes } from './form-values.ts';
import { minutesBetween } from './time.ts';

/** 通知: what the notice says — purpose, agenda with presenters and minutes, preparation, each person's materials, documents. */
export function NoticePanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const withMaterials = meeting.attendees.filter((a) => a.materials.trim() !== '');
  const total = agendaMinutes(meeting.agenda);
  return (
    <Flex vertical gap={16} data-testid="notice-panel">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('meetings.detail.noticeSentAt')}>
          {meeting.noticeSentAt ? formatDateTime(meeting.noticeSentAt) : <Typography.Text type="secondary">{t('meetings.detail.notNoticed')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.purpose')}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{meeting.purpose || '—'}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <section>
        <Typography.Title level={5}>{t('meetings.detail.agenda')}</Typography.Title>
        {meeting.agenda.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.detail.noAgenda')} />
        ) : (
          <>
            <List
              size="small"
              bordered
              dataSource={meeting.agenda}
              data-testid="agenda"
              renderItem={(item, index) => (
                <List.Item extra={t('meetings.detail.agendaLine', { minutes: item.plannedMinutes })}>
                  <Flex vertical gap={2}>
                    <Typography.Text strong>
                      {index + 1}. {item.title}
                    </Typography.Text>
                    {item.presenter && <Typography.Text type="secondary">{t('meetings.detail.presenterLine', { name: item.presenter.displayName })}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
            <Typography.Text type="secondary">{t('meetings.form.agendaTotal', { agenda: total, meeting: minutesBetween(meeting.startsAt, meeting.endsAt) })}</Typography.Text>
          </>
        )}
      </section>
      <section>
        <Typography.Title level={5}>{t('meetings.detail.preparation')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type={meeting.preparation ? undefined : 'secondary'}>
          {meeting.preparation || '—'}
        </Typography.Paragraph>
        <Typography.Text strong>{t('meetings.detail.materialsOf')}</Typography.Text>
        {withMaterials.length === 0 ? (
          <div>
            <Typography.Text type="secondary">{t('meetings.detail.noMaterials')}</Typography.Text>
          </div>
        ) : (
          <List
            size="small"
            dataSource={withMaterials}
            renderItem={(a) => (
              <List.Item>
                <Typography.Text>{t('meetings.detail.materialsLine', { name: a.user.displayName, materials: a.materials })}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </section>
      <section>
        <Typography.Title level={5}>{t('meetings.detail.attachments')}</Typography.Title>
        <AttachmentList files={meeting.attachments} />
      </section>
    </Flex>
  );
}
