import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, List, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Timeline } from '@henji/contracts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useMe } from '../auth/session.ts';
import { useIsPhone } from '../components/use-phone.ts';
import { useTimeline } from './api.ts';
import { BookingModal, type BookingDraft } from './BookingModal.tsx';
import styles from './BookingPage.module.css';

type TimelineRoom = Timeline['rooms'][number];
/** A booking as the grid draws it: with its booker's name and whether it is the reader's own. */
type TimelineBooking = Timeline['bookings'][number] & { bookerName: string; mine: boolean };

/** The day grid shows 08:00–20:00 in half hours. */
const FIRST_HOUR = 8;
const LAST_HOUR = 20;
const SLOT_MINUTES = 30;
const SLOTS = ((LAST_HOUR - FIRST_HOUR) * 60) / SLOT_MINUTES;

const blockClass = (b: TimelineBooking) => [styles.block, b.status === 'pending' ? styles.pending : b.mine ? styles.mine : ''].join(' ');
const span = (b: TimelineBooking) => `${dayjs(b.startsAt).format('HH:mm')}–${dayjs(b.endsAt).format('HH:mm')}`;

/**
 * 会议室预订: every room's bookings as a grid of rooms × time (a day in half hours, or a week by day); a free slot is
 * clicked to book it. On a phone: the day as a list per room, each with its own 预订 button — no grid to scroll sideways.
 */
export function BookingPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const me = useMe();
  const [mode, setMode] = useState<'day' | 'week'>('day');
  const [day, setDay] = useState(() => dayjs().startOf('day'));
  const view = phone ? 'day' : mode;
  const from = view === 'day' ? day : day.startOf('week');
  const to = from.add(view === 'day' ? 1 : 7, 'day');
  const timeline = useTimeline(from.toISOString(), to.toISOString());
  const [draft, setDraft] = useState<BookingDraft | null>(null);

  const byRoom = useMemo(() => {
    const map = new Map<string, TimelineBooking[]>();
    const data = timeline.data;
    for (const b of data?.bookings ?? []) {
      const drawn = { ...b, bookerName: data?.bookers[b.bookerId] ?? '', mine: b.bookerId === me.id };
      map.set(b.roomId, [...(map.get(b.roomId) ?? []), drawn]);
    }
    return map;
  }, [timeline.data, me.id]);

  const step = (direction: 1 | -1) => setDay(day.add(direction * (view === 'day' ? 1 : 7), 'day'));
  const book = (roomId: string, start: Dayjs) => setDraft({ roomId, startsAt: start, endsAt: start.add(1, 'hour') });
  /** A phone's 预订 button: the next whole hour today, 09:00 on another day. */
  const defaultStart = (d: Dayjs) => (d.isSame(dayjs(), 'day') ? dayjs().add(1, 'hour').startOf('hour') : d.hour(9));

  const navigator = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      {!phone && (
        <Segmented<'day' | 'week'>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'day', label: t('rooms.booking.day') },
            { value: 'week', label: t('rooms.booking.week') },
          ]}
        />
      )}
      <Space.Compact>
        <Button icon={<LeftOutlined />} aria-label={t('rooms.booking.previous')} onClick={() => step(-1)} data-testid="timeline-previous" />
        <Button onClick={() => setDay(dayjs().startOf('day'))}>{t('rooms.booking.today')}</Button>
        <Button icon={<RightOutlined />} aria-label={t('rooms.booking.next')} onClick={() => step(1)} data-testid="timeline-next" />
      </Space.Compact>
      <DatePicker value={day} allowClear={false} inputReadOnly onChange={(d) => d && setDay(d.startOf('day'))} />
      <Typography.Text strong data-testid="timeline-range">
        {view === 'day' ? day.format('YYYY-MM-DD dddd') : `${from.format('YYYY-MM-DD')} – ${to.subtract(1, 'day').format('YYYY-MM-DD')}`}
      </Typography.Text>
    </Flex>
  );

  let body;
  if (timeline.isError) body = <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else if (timeline.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (timeline.data.rooms.length === 0) body = <Empty description={t('rooms.booking.noRooms')} />;
  else if (phone) body = <DayList rooms={timeline.data.rooms} byRoom={byRoom} onBook={(roomId) => book(roomId, defaultStart(day))} />;
  else if (view === 'day') body = <DayGrid day={day} rooms={timeline.data.rooms} byRoom={byRoom} onBook={book} />;
  else body = <WeekGrid from={from} rooms={timeline.data.rooms} byRoom={byRoom} onBook={book} />;

  return (
    <>
      <PageHeader title={t('rooms.booking.title')} description={t('rooms.booking.subtitle')} />
      <Card>
        {navigator}
        {body}
      </Card>
      {draft && timeline.data && <BookingModal draft={draft} rooms={timeline.data.rooms} onClose={() => setDraft(null)} />}
    </>
  );
}

function RoomLabel({ room }: { room: TimelineRoom }) {
  const { t } = useTranslation();
  return (
    <div className={styles.roomCell}>
      <Typography.Text strong ellipsis style={{ display: 'block' }}>
        {room.name}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rooms.booking.capacity', { count: room.capacity })}
        {room.location ? ` · ${room.location}` : ''}
      </Typography.Text>
      {room.approvalRequired && <Tag color="orange" style={{ marginLeft: 4 }}>{t('rooms.booking.needsApproval')}</Tag>}
    </div>
  );
}

interface GridProps {
  rooms: TimelineRoom[];
  byRoom: Map<string, TimelineBooking[]>;
  onBook: (roomId: string, start: Dayjs) => void;
}

function DayGrid({ day, rooms, byRoom, onBook }: GridProps & { day: Dayjs }) {
  const { t } = useTranslation();
  const start = day.hour(FIRST_HOUR);
  const total = (LAST_HOUR - FIRST_HOUR) * 60;
  const now = dayjs();
  return (
    <div className={styles.scroller}>
      <div className={styles.grid} data-testid="timeline-grid">
        <div className={styles.row}>
          <div className={styles.roomCell} />
          <div className={styles.lane}>
            {Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => (
              <div key={i} className={styles.hourLabel}>{`${String(FIRST_HOUR + i).padStart(2, '0')}:00`}</div>
            ))}
          </div>
        </div>
        {rooms.map((room) => (
          <div className={styles.row} key={room.id} data-testid="timeline-room" data-room={room.name}>
            <RoomLabel room={room} />
            <div className={styles.lane}>
              {Array.from({ length: SLOTS }, (_, i) => {
                const at = start.add(i * SLOT_MINUTES, 'minute');
                const past = at.add(SLOT_MINUTES, 'minute').isBefore(now);
                const label = `${room.name} ${at.format('HH:mm')}`;
                return (
                  <button
                    key={i}
                    type="button"
                    className={styles.slot}
                    disabled={!room.mayBook || past}
                    title={room.mayBook ? `${t('rooms.booking.book')} ${label}` : t('rooms.booking.notAllowed')}
                    aria-label={`${t('rooms.booking.book')} ${label}`}
                    data-slot={at.format('HH:mm')}
                    onClick={() => onBook(room.id, at)}
                  />
                );
              })}
              {(byRoom.get(room.id) ?? []).map((b) => {
                const left = Math.max(0, dayjs(b.startsAt).diff(start, 'minute'));
                const right = Math.min(total, dayjs(b.endsAt).diff(start, 'minute'));
                if (right <= 0 || left >= total) return null;
                return (
                  <div
                    key={b.id}
                    className={blockClass(b)}
                    style={{ left: `${(left / total) * 100}%`, width: `${((right - left) / total) * 100}%` }}
                    title={`${span(b)} ${b.purpose} · ${b.bookerName}`}
                    data-testid="timeline-booking"
                  >
                    {span(b)} {b.purpose}
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function WeekGrid({ from, rooms, byRoom, onBook }: GridProps & { from: Dayjs }) {
  const days = Array.from({ length: 7 }, (_, i) => from.add(i, 'day'));
  return (
    <div className={styles.scroller}>
      <div className={styles.grid} data-testid="timeline-grid">
        <div className={styles.row}>
          <div className={styles.roomCell} />
          <div className={styles.lane}>
            {days.map((d) => (
              <div key={d.valueOf()} className={styles.hourLabel}>{d.format('MM-DD ddd')}</div>
            ))}
          </div>
        </div>
        {rooms.map((room) => (
          <div className={styles.row} key={room.id} data-testid="timeline-room" data-room={room.name}>
            <RoomLabel room={room} />
            <div className={styles.lane}>
              {days.map((d) => {
                const bookings = (byRoom.get(room.id) ?? []).filter((b) => dayjs(b.startsAt).isBefore(d.add(1, 'day')) && dayjs(b.endsAt).isAfter(d));
                return (
                  <div key={d.valueOf()} className={styles.dayCell} onClick={() => room.mayBook && onBook(room.id, d.hour(9))} role="button" tabIndex={0}>
                    {bookings.map((b) => (
                      <div key={b.id} className={`${styles.chip} ${b.status === 'pending' ? styles.pending : b.mine ? styles.mine : ''}`} title={`${span(b)} ${b.purpose} · ${b.bookerName}`}>
                        {span(b)} {b.purpose}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function DayList({ rooms, byRoom, onBook }: { rooms: TimelineRoom[]; byRoom: Map<string, TimelineBooking[]>; onBook: (roomId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} data-testid="timeline-list">
      {rooms.map((room) => (
        <Card
          key={room.id}
          size="small"
          data-testid="timeline-room"
          data-room={room.name}
          title={
            <Flex vertical>
              <Typography.Text strong ellipsis>{room.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                {t('rooms.booking.capacity', { count: room.capacity })}
                {room.location ? ` · ${room.location}` : ''}
              </Typography.Text>
            </Flex>
          }
          extra={
            room.mayBook ? (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => onBook(room.id)} aria-label={`${t('rooms.booking.book')} ${room.name}`}>
                {t('rooms.booking.book')}
              </Button>
            ) : (
              <Tag>{t('rooms.booking.notAllowed')}</Tag>
            )
          }
        >
          <List
            size="small"
            locale={{ emptyText: t('rooms.booking.empty') }}
            dataSource={byRoom.get(room.id) ?? []}
            renderItem={(b) => (
              <List.Item data-testid="timeline-booking">
                <Flex gap={8} wrap>
                  <Typography.Text strong>{span(b)}</Typography.Text>
                  <Typography.Text>{b.purpose}</Typography.Text>
                  <Typography.Text type="secondary">{b.bookerName}</Typography.Text>
                  {b.status === 'pending' && <Tag color="orange">{t('rooms.booking.pendingTag')}</Tag>}
                  {b.mine && <Tag color="green">{t('rooms.booking.mineTag')}</Tag>}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}
