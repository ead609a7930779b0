import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Tabs, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMe } from '../auth/session.ts';
import { can } from '../components/can.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PagedList } from './PagedList.tsx';
import { useRoomChange } from './use-room-change.ts';
import { useTableQuery, type TableQuery } from './use-table-query.ts';
import { afterRoomChange, approveBooking, BOOKING_STATUSES, cancelBooking, rejectBooking, useBookings, type BookingStatus } from './api.ts';

type View = 'mine' | 'pending' | 'all';
const STATUS_COLOR: Record<BookingStatus, string> = { pending: 'orange', confirmed: 'green', rejected: 'red', cancelled: 'default' };

/** Room administrators: administrators and the custodian role (as the server's policy). */
export const managesRooms = (roles: readonly string[]) => roles.includes('admin') || roles.includes('custodian');

/** 我的预订 with cancel; for room administrators also 待审批 (approve / reject with a reason) and every booking. */
export function BookingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manager = managesRooms(me.roles);
  const [view, setView] = useState<View>('mine');
  const { query, filter, onChange, sortOrder, pagination } = useTableQuery<'startsAt', TableQuery<'startsAt'> & { status?: BookingStatus }>(
    { page: 1, pageSize: 20, sort: 'startsAt', order: 'desc' },
    ['startsAt'],
  );
  const bookings = useBookings({ view, ...query });
  const [rejecting, setRejecting] = useState<Booking | null>(null);
  const run = useRoomChange();

  const columns: TableColumnsType<Booking> = [
    { title: t('rooms.bookings.columns.room'), key: 'room', render: (_: unknown, b) => b.room.name },
    {
      title: t('rooms.bookings.columns.time'),
      key: 'startsAt',
      sorter: true,
      sortOrder: sortOrder('startsAt'),
      render: (_: unknown, b) => `${dayjs(b.startsAt).format('YYYY-MM-DD HH:mm')}–${dayjs(b.endsAt).format('HH:mm')}`,
    },
    { title: t('rooms.bookings.columns.purpose'), dataIndex: 'purpose', key: 'purpose' },
    ...(view === 'mine' ? [] : [{ title: t('rooms.bookings.columns.booker'), key: 'booker', render: (_: unknown, b: Booking) => b.booker.displayName }]),
    { title: t('rooms.bookings.columns.equipment'), key: 'equipment', render: (_: unknown, b) => b.equipment.map((e) => e.name).join('、') || '—' },
    {
      title: t('rooms.bookings.columns.status'),
      key: 'status',
      render: (_: unknown, b) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[b.status]}>{t(`rooms.bookings.status.${b.status}`)}</Tag>
          {b.decisionComment && b.status === 'rejected' && <span>{b.decisionComment}</span>}
        </Space>
      ),
    },
    {
      title: t('rooms.bookings.columns.actions'),
      key: 'actions',
      render: (_: unknown, b) => (
        <Space size={4} wrap>
          {can(b, 'approve') && (
            <Button size="small" type="primary" onClick={() => void run(() => approveBooking(b.id), t('rooms.bookings.approved'))}>
              {t('rooms.bookings.approve')}
            </Button>
          )}
          {can(b, 'reject') && (
            <Button size="small" danger onClick={() => setRejecting(b)}>
              {t('rooms.bookings.reject')}
            </Button>
          )}
          {can(b, 'cancel') && (
            <Popconfirm title={t('rooms.bookings.cancelConfirm')} okText={t('rooms.bookings.cancel')} cancelText={t('common.cancel')} onConfirm={() => run(() => cancelBooking(b.id), t('rooms.bookings.cancelled'))}>
              <Button size="small">{t('rooms.bookings.cancel')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const views: View[] = manager ? ['mine', 'pending', 'all'] : ['mine'];
  return (
    <>
      <PageHeader title={t('rooms.bookings.title')} description={t('rooms.bookings.subtitle')} />
      <Card>
        {views.length > 1 && (
          <Tabs
            activeKey={view}
            onChange={(key) => {
              setView(views.find((v) => v === key) ?? 'mine');
              filter({});
            }}
            items={views.map((v) => ({ key: v, label: t(`rooms.bookings.tabs.${v}`) }))}
          />
        )}
        <FilterBar>
          <Select<BookingStatus>
            allowClear
            value={query.status}
            onChange={(status) => filter({ status })}
            placeholder={t('rooms.bookings.filters.status')}
            style={{ width: 160 }}
            options={BOOKING_STATUSES.map((s) => ({ value: s, label: t(`rooms.bookings.status.${s}`) }))}
          />
        </FilterBar>
        <PagedList<Booking>
          list={bookings}
          columns={columns}
          cardTitle="room"
          emptyText={t(`rooms.bookings.empty.${view}`)}
          pagination={pagination}
          onChange={onChange<Booking>()}
          scrollX={900}
          testId="bookings-table"
        />
      </Card>
      {rejecting && <RejectModal booking={rejecting} onClose={() => setRejecting(null)} />}
    </>
  );
}

function RejectModal({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const submit = async ({ reason }: { reason: string }) => {
    setSubmitting(true);
    try {
      await rejectBooking(booking.id, reason.trim());
      void message.success(t('rooms.bookings.rejected'));
      await afterRoomChange(queryClient);
      onClose();
    } catch (error) {
      report(error, form);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <FormModal<{ reason: string }> title={t('rooms.bookings.rejectTitle')} form={form} submitting={submitting} onSubmit={(v) => void submit(v)} onClose={onClose} okText={t('rooms.bookings.reject')}>
      <Form.Item name="reason" label={t('rooms.bookings.rejectReason')} rules={[{ required: true, whitespace: true, message: t('rooms.form.required') }]}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
