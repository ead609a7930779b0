import { useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Empty, Flex, Form, Input, Tag, Typography, type FormInstance } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { fetchUsers, useDepartments } from '../org/api.ts';
import { DepartmentTreeSelect } from '../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../org/UserSelect.tsx';
import { rowsToAdd, type AttendeeRow, type MeetingFormValues } from './form-values.ts';
import styles from './MeetingForm.module.css';

/** The largest department the form adds at once (the server's page limit); more members are added by the server. */
const MEMBERS_PAGE = 200;

export const departmentMembersKey = (departmentId: string) => ['meetings', 'department-members', departmentId] as const;

/** A department's active members (first 200), from the same cache the form uses to work out who was taken off. */
export const fetchDepartmentMembers = (queryClient: QueryClient, departmentId: string) =>
  queryClient.fetchQuery({
    queryKey: departmentMembersKey(departmentId),
    queryFn: () => fetchUsers({ departmentId, status: 'active', pageSize: MEMBERS_PAGE }).then((page) => page.items),
    staleTime: 60_000,
  });

/**
 * 参会人员: people added one by one, or a department's members at once (the department is then also a 参会部门, so
 * the approved minutes go to it); each row says whether the person must attend or sits in (列席) and what they must
 * prepare. Removing a department's member keeps the department and leaves that person out.
 */
export function AttendeesField({ form }: { form: FormInstance<MeetingFormValues> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const departments = useDepartments();
  const departmentIds = (Form.useWatch('departmentIds', { form, preserve: true }) as string[] | undefined) ?? [];
  const count = (Form.useWatch('attendees', { form, preserve: true }) as AttendeeRow[] | undefined)?.length ?? 0;
  const [adding, setAdding] = useState(false);
  // The pickers only add: each pick remounts them empty, ready for the next.
  const [picked, setPicked] = useState(0);

  const current = () => (form.getFieldValue('attendees') as AttendeeRow[] | undefined) ?? [];
  const add = (rows: AttendeeRow[]) => form.setFieldValue('attendees', [...current(), ...rows]);

  const addPerson = async (userId: string | null) => {
    if (!userId) return;
    try {
      const user = await queryClient.fetchQuery({ queryKey: queryKeys.users.detail(userId), queryFn: () => api<User>(`/api/users/${encodeURIComponent(userId)}`), staleTime: 60_000 });
      add(rowsToAdd([{ id: user.id, name: user.displayName }], current()));
    } catch (error) {
      report(error);
    } finally {
      setPicked((n) => n + 1);
    }
  };

  const addDepartment = async (departmentId: string | null) => {
    if (!departmentId) return;
    setAdding(true);
    try {
      const members = await fetchDepartmentMembers(queryClient, departmentId);
      const rows = rowsToAdd(
        members.map((u) => ({ id: u.id, name: u.displayName })),
        current(),
      );
      add(rows);
      if (!departmentIds.includes(departmentId)) form.setFieldValue('departmentIds', [...departmentIds, departmentId]);
      const name = departments.data?.find((d) => d.id === departmentId)?.name ?? '';
      void (rows.length > 0 ? message.success(t('meetings.form.addedFromDepartment', { department: name, count: rows.length })) : message.info(t('meetings.form.nobodyAdded', { department: name })));
    } catch (error) {
      report(error);
    } finally {
      setAdding(false);
      setPicked((n) => n + 1);
    }
  };

  const departmentName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? id.slice(0, 8);

  return (
    <>
      <Flex gap={12} wrap className={styles.pickers}>
        <Form.Item label={t('meetings.form.addPeople')} htmlFor="meeting-add-person" className={styles.picker}>
          <UserSelect key={`person-${picked}`} value={null} onChange={(id) => void addPerson(id)} placeholder={t('meetings.form.addPeoplePlaceholder')} id="meeting-add-person" />
        </Form.Item>
        <Form.Item label={t('meetings.form.addDepartment')} htmlFor="meeting-add-department" className={styles.picker}>
          <DepartmentTreeSelect key={`department-${picked}`} value={null} onChange={(id) => void addDepartment(id)} placeholder={t('meetings.form.addDepartmentPlaceholder')} id="meeting-add-department" />
        </Form.Item>
      </Flex>
      <Form.Item name="departmentIds" label={t('meetings.form.departments')} extra={t('meetings.form.departmentsHelp')}>
        <DepartmentTags names={departmentName} />
      </Form.Item>
      <Form.List name="attendees">
        {(fields, { remove }, { errors }) => (
          <Flex vertical gap={8} data-testid="attendee-rows">
            <Typography.Text type="secondary">
              {adding ? t('common.loading') : t('meetings.form.attendeesCount', { count })}
            </Typography.Text>
            {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.form.noAttendees')} />}
            {fields.map((field) => {
              const row = form.getFieldValue(['attendees', field.name]) as AttendeeRow | undefined;
              return (
                <Flex key={field.key} gap={8} align="center" wrap className={styles.attendee} data-testid="attendee-row">
                  <Typography.Text strong className={styles.attendeeName}>
                    {row?.name}
                  </Typography.Text>
                  <Form.Item name={[field.name, 'required']} valuePropName="checked" noStyle>
                    <Checkbox>{t('meetings.form.required')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[field.name, 'materials']} noStyle>
                    <Input
                      maxLength={2000}
                      placeholder={t('meetings.form.materialsPlaceholder')}
                      aria-label={`${row?.name ?? ''} ${t('meetings.form.materials')}`}
                      className={styles.materials}
                    />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('meetings.form.removeAttendee', { name: row?.name ?? '' })} onClick={() => remove(field.name)} />
                </Flex>
              );
            })}
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </>
  );
}

/** The 参会部门 as closable tags (a form control: value / onChange). */
function DepartmentTags({ value = [], onChange, names }: { value?: string[]; onChange?: (ids: string[]) => void; names: (id: string) => string }) {
  if (value.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {value.map((id) => (
        <Tag key={id} closable onClose={() => onChange?.(value.filter((d) => d !== id))}>
          {names(id)}
        </Tag>
      ))}
    </Flex>
  );
}
