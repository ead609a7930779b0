import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Tabs, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Equipment, Room } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { can } from '../components/can.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDepartments } from '../org/api.ts';
import {
  afterRoomChange,
  createEquipment,
  createRoom,
  deleteEquipment,
  deleteRoom,
  EQUIPMENT_KINDS,
  updateEquipment,
  updateRoom,
  useEquipmentList,
  useRooms,
  type EquipmentKind,
  type EquipmentValues,
  type RoomValues,
} from './api.ts';
import { PagedList } from './PagedList.tsx';
import { useRoomChange } from './use-room-change.ts';
import { useTableQuery, type TableQuery } from './use-table-query.ts';

type Sorted<S extends string> = TableQuery<S> & { q?: string; active?: 'true' | 'false' };

const ROOM_SORTS = ['name', 'capacity', 'createdAt'] as const;
const EQUIPMENT_SORTS = ['name', 'code', 'createdAt'] as const;

/** 会议室管理: rooms and movable equipment, each a paged, sortable, filterable table with add, edit, (de)activate, delete. */
export function RoomsAdminPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'rooms' | 'equipment'>('rooms');
  return (
    <>
      <PageHeader title={t('rooms.admin.title')} description={t('rooms.admin.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key === 'equipment' ? 'equipment' : 'rooms')}
          items={[
            { key: 'rooms', label: t('rooms.admin.tabs.rooms'), children: <RoomsTable /> },
            { key: 'equipment', label: t('rooms.admin.tabs.equipment'), children: <EquipmentTable /> },
          ]}
        />
      </Card>
    </>
  );
}

function StatusFilter({ value, onChange }: { value: 'true' | 'false' | undefined; onChange: (value: 'true' | 'false' | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select<'true' | 'false'>
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('rooms.admin.filters.status')}
      style={{ width: 140 }}
      options={[
        { value: 'true', label: t('rooms.admin.active') },
        { value: 'false', label: t('rooms.admin.inactive') },
      ]}
    />
  );
}

function RoomsTable() {
  const { t } = useTranslation();
  const { query, filter, onChange, sortOrder, pagination } = useTableQuery<(typeof ROOM_SORTS)[number], Sorted<(typeof ROOM_SORTS)[number]>>(
    { page: 1, pageSize: 20, sort: 'name', order: 'asc' },
    ROOM_SORTS,
  );
  const rooms = useRooms(query);
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const save = useRoomChange();

  const columns: TableColumnsType<Room> = [
    { title: t('rooms.admin.columns.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    { title: t('rooms.admin.columns.location'), dataIndex: 'location', key: 'location' },
    { title: t('rooms.admin.columns.capacity'), dataIndex: 'capacity', key: 'capacity', sorter: true, sortOrder: sortOrder('capacity'), width: 110 },
    { title: t('rooms.admin.columns.fixedEquipment'), key: 'fixedEquipment', render: (_: unknown, r) => r.fixedEquipment.join('、') || '—' },
    {
      title: t('rooms.admin.columns.bookableBy'),
      key: 'bookableBy',
      render: (_: unknown, r) => (r.bookableBy === 'everyone' ? t('rooms.admin.bookableBy.everyone') : r.departments.map((d) => d.name).join('、')),
    },
    { title: t('rooms.admin.columns.approval'), key: 'approval', render: (_: unknown, r) => (r.approvalRequired ? <Tag color="orange">{t('rooms.admin.approvalYes')}</Tag> : t('rooms.admin.approvalNo')) },
    { title: t('rooms.admin.columns.status'), key: 'status', render: (_: unknown, r) => (r.active ? <Tag color="green">{t('rooms.admin.active')}</Tag> : <Tag>{t('rooms.admin.inactive')}</Tag>) },
    {
      title: t('rooms.admin.columns.actions'),
      key: 'actions',
      render: (_: unknown, r) => (
        <Space size={4} wrap onClick={(event) => event.stopPropagation()}>
          {can(r, 'update') && <Button size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>}
          {can(r, 'update') && (
            <Button size="small" onClick={() => void save(() => updateRoom(r.id, { active: !r.active }), t('rooms.admin.saved'))}>
              {r.active ? t('rooms.admin.deactivate') : t('rooms.admin.activate')}
            </Button>
          )}
          {can(r, 'delete') && (
            <Popconfirm title={t('rooms.admin.deleteConfirm')} okText={t('rooms.admin.delete')} cancelText={t('common.cancel')} onConfirm={() => save(() => deleteRoom(r.id), t('rooms.admin.deleted'))}>
              <Button size="small" danger>{t('rooms.admin.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <FilterBar>
        <Input.Search allowClear placeholder={t('rooms.admin.search.rooms')} aria-label={t('rooms.admin.search.rooms')} style={{ width: 240 }} onSearch={(q) => filter({ q: q.trim() || undefined })} />
        <StatusFilter value={query.active} onChange={(active) => filter({ active })} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-room">
          {t('rooms.admin.addRoom')}
        </Button>
      </FilterBar>
      <PagedList<Room>
        list={rooms}
        columns={columns}
        cardTitle="name"
        emptyText={t('rooms.admin.empty.rooms')}
        pagination={pagination}
        onChange={onChange<Room>()}
        scrollX={960}
        testId="rooms-table"
      />
      {editing && <RoomModal room={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function RoomModal({ room, onClose }: { room: Room | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoomValues>();
  const departments = useDepartments();
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const bookableBy = Form.useWatch('bookableBy', form);

  const submit = async (values: RoomValues) => {
    setSubmitting(true);
    try {
      const body = { ...values, departmentIds: values.bookableBy === 'departments' ? (values.departmentIds ?? []) : [] };
      if (room) await updateRoom(room.id, body);
      else await createRoom(body);
      void message.success(t('rooms.admin.saved'));
      await afterRoomChange(queryClient);
      onClose();
    } catch (error) {
      report(error, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<RoomValues>
      title={room ? t('rooms.admin.editRoom') : t('rooms.admin.addRoom')}
      form={form}
      submitting={submitting}
      onSubmit={(values) => void submit(values)}
      onClose={onClose}
      initialValues={
        room
          ? { name: room.name, location: room.location, capacity: room.capacity, fixedEquipment: room.fixedEquipment, bookableBy: room.bookableBy, departmentIds: room.departments.map((d) => d.id), approvalRequired: room.approvalRequired }
          : { bookableBy: 'everyone', capacity: 10, fixedEquipment: [], approvalRequired: false }
      }
    >
      <Form.Item name="name" label={t('rooms.admin.columns.name')} rules={[{ required: true, whitespace: true, message: t('rooms.form.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="location" label={t('rooms.admin.columns.location')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="capacity" label={t('rooms.admin.columns.capacity')} rules={[{ required: true, message: t('rooms.form.required') }]}>
        <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="fixedEquipment" label={t('rooms.admin.columns.fixedEquipment')}>
        <Select mode="tags" open={false} placeholder={t('rooms.admin.fixedEquipmentPlaceholder')} />
      </Form.Item>
      <Form.Item name="bookableBy" label={t('rooms.admin.columns.bookableBy')}>
        <Radio.Group
          options={[
            { value: 'everyone', label: t('rooms.admin.bookableBy.everyone') },
            { value: 'departments', label: t('rooms.admin.bookableBy.departments') },
          ]}
        />
      </Form.Item>
      {bookableBy === 'departments' && (
        <Form.Item name="departmentIds" label={t('rooms.admin.departments')}>
          <Select mode="multiple" optionFilterProp="label" loading={departments.isPending} options={(departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      )}
      <Form.Item name="approvalRequired" valuePropName="checked">
        <Checkbox>{t('rooms.admin.approvalRequired')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

function EquipmentTable() {
  const { t } = useTranslation();
  const { query, filter, onChange, sortOrder, pagination } = useTableQuery<(typeof EQUIPMENT_SORTS)[number], Sorted<(typeof EQUIPMENT_SORTS)[number]> & { kind?: EquipmentKind }>(
    { page: 1, pageSize: 20, sort: 'code', order: 'asc' },
    EQUIPMENT_SORTS,
  );
  const list = useEquipmentList(query);
  const [editing, setEditing] = useState<Equipment | 'new' | null>(null);
  const save = useRoomChange();

  const columns: TableColumnsType<Equipment> = [
    { title: t('rooms.admin.columns.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: sortOrder('code'), width: 140 },
    { title: t('rooms.admin.columns.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
    { title: t('rooms.admin.columns.kind'), key: 'kind', render: (_: unknown, e) => t(`rooms.admin.kinds.${e.kind}`) },
    { title: t('rooms.admin.columns.keptAt'), dataIndex: 'location', key: 'location' },
    { title: t('rooms.admin.columns.status'), key: 'status', render: (_: unknown, e) => (e.active ? <Tag color="green">{t('rooms.admin.active')}</Tag> : <Tag>{t('rooms.admin.inactive')}</Tag>) },
    {
      title: t('rooms.admin.columns.actions'),
      key: 'actions',
      render: (_: unknown, e) => (
        <Space size={4} wrap>
          {can(e, 'update') && <Button size="small" onClick={() => setEditing(e)}>{t('common.edit')}</Button>}
          {can(e, 'update') && (
            <Button size="small" onClick={() => void save(() => updateEquipment(e.id, { active: !e.active }), t('rooms.admin.saved'))}>
              {e.active ? t('rooms.admin.deactivate') : t('rooms.admin.activate')}
            </Button>
          )}
          {can(e, 'delete') && (
            <Popconfirm title={t('rooms.admin.deleteConfirm')} okText={t('rooms.admin.delete')} cancelText={t('common.cancel')} onConfirm={() => save(() => deleteEquipment(e.id), t('rooms.admin.deleted'))}>
              <Button size="small" danger>{t('rooms.admin.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <FilterBar>
        <Input.Search allowClear placeholder={t('rooms.admin.search.equipment')} aria-label={t('rooms.admin.search.equipment')} style={{ width: 240 }} onSearch={(q) => filter({ q: q.trim() || undefined })} />
        <Select<EquipmentKind>
          allowClear
          value={query.kind}
          onChange={(kind) => filter({ kind })}
          placeholder={t('rooms.admin.filters.kind')}
          style={{ width: 160 }}
          options={EQUIPMENT_KINDS.map((k) => ({ value: k, label: t(`rooms.admin.kinds.${k}`) }))}
        />
        <StatusFilter value={query.active} onChange={(active) => filter({ active })} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-equipment">
          {t('rooms.admin.addEquipment')}
        </Button>
      </FilterBar>
      <PagedList<Equipment>
        list={list}
        columns={columns}
        cardTitle="name"
        emptyText={t('rooms.admin.empty.equipment')}
        pagination={pagination}
        onChange={onChange<Equipment>()}
        scrollX={820}
        testId="equipment-table"
      />
      {editing && <EquipmentModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EquipmentModal({ item, onClose }: { item: Equipment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EquipmentValues>();
  const [submitting, setSubmitting] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();

  const submit = async (values: EquipmentValues) => {
    setSubmitting(true);
    try {
      if (item) await updateEquipment(item.id, values);
      else await createEquipment(values);
      void message.success(t('rooms.admin.saved'));
      await afterRoomChange(queryClient);
      onClose();
    } catch (error) {
      report(error, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<EquipmentValues>
      title={item ? t('rooms.admin.editEquipment') : t('rooms.admin.addEquipment')}
      form={form}
      submitting={submitting}
      onSubmit={(values) => void submit(values)}
      onClose={onClose}
      initialValues={item ? { name: item.name, code: item.code, kind: item.kind, location: item.location } : { kind: 'projector' }}
    >
      <Form.Item name="name" label={t('rooms.admin.columns.name')} rules={[{ required: true, whitespace: true, message: t('rooms.form.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="code" label={t('rooms.admin.columns.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/, message: t('rooms.form.required') }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="kind" label={t('rooms.admin.columns.kind')}>
        <Select options={EQUIPMENT_KINDS.map((k) => ({ value: k, label: t(`rooms.admin.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="location" label={t('rooms.admin.columns.keptAt')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
