/**
 * 纪要编辑 for the recorder, during the meeting: per agenda item the statements (speaker — attendees first —,
 * department, points), the discussion result and the resolutions (content, responsible department and person,
 * deadline); items raised in the meeting (临时动议) and other matters. Saves by itself a few seconds after each change
 * ("已自动保存 14:05:09"); the server refuses a save from a stale revision (another tab or tablet saved since), and
 * the editor then stops saving and offers to load the latest version instead of overwriting it. One column with large
 * controls, so it works on a 768 px tablet held in portrait.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Minutes, MinutesContent, MinutesItem, MinutesPerson, MinutesResolution, MinutesStatement } from '@henji/contracts';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { DepartmentTreeSelect } from '../../org/DepartmentTreeSelect.tsx';
import { UserSelect } from '../../org/UserSelect.tsx';
import { afterMinutesChange, fetchMinutes, minutesKeys, saveMinutesDraft, submitMinutes } from './api.ts';

/** How long after the last change the draft is saved. */
export const AUTOSAVE_MS = 3_000;

type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

/** A key for a new resolution: stable across versions, so a revision that keeps it keeps its task. */
const newKey = () => `r-${crypto.randomUUID().slice(0, 12)}`;

const emptyStatement = (): MinutesStatement => ({ speakerId: null, speakerName: '', departmentId: null, points: '' });
const emptyResolution = (): MinutesResolution => ({ key: newKey(), content: '', departmentId: null, ownerId: null, deadline: null });

export function MinutesEditor({ meetingId, minutes }: { meetingId: string; minutes: Minutes }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const draft = minutes.draft!;
  const [content, setContent] = useState<MinutesContent>(draft.content);
  const [savedAt, setSavedAt] = useState<string | null>(draft.savedAt);
  const [state, setState] = useState<SaveState>('saved');
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const latest = useRef(content);
  const revision = useRef(draft.revision);
  const changes = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);

  const change = (next: MinutesContent) => {
    latest.current = next;
    changes.current += 1;
    setContent(next);
    setState((s) => (s === 'conflict' ? s : 'dirty'));
  };

  const save = (): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    const changeNo = changes.current;
    setState('saving');
    const run = (async () => {
      try {
        const saved = await saveMinutesDraft(meetingId, latest.current, revision.current);
        revision.current = saved.draft?.revision ?? revision.current + 1;
        setSavedAt(saved.draft?.savedAt ?? null);
        setFailure(null);
        queryClient.setQueryData(minutesKeys.minutes(meetingId), saved);
        setState(changes.current === changeNo ? 'saved' : 'dirty');
      } catch (error) {
        if (isApiError(error) && error.status === 409 && typeof error.details['revision'] === 'number') setState('conflict');
        else {
          setFailure(errorText(t, error));
          setState('error');
        }
        throw error;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  };

  useEffect(() => {
    if (state !== 'dirty') return;
    const timer = window.setTimeout(() => void save().catch(() => undefined), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
    // save reads refs only; re-arming on each change of the content is the point.
  }, [content, state]);

  const reload = async () => {
    const current = await queryClient.fetchQuery({ queryKey: minutesKeys.minutes(meetingId), queryFn: () => fetchMinutes(meetingId), staleTime: 0 });
    if (!current.draft) return;
    latest.current = current.draft.content;
    revision.current = current.draft.revision;
    changes.current += 1;
    setContent(current.draft.content);
    setSavedAt(current.draft.savedAt);
    setState('saved');
  };

  const submit = async () => {
    setSubmitting(true);
    try {
      if (state === 'dirty' || state === 'error') await save();
      else if (inFlight.current) await inFlight.current;
      await submitMinutes(meetingId, revision.current);
      void message.success(t('meetingMinutes.editor.submitted'));
      await afterMinutesChange(queryClient, meetingId);
    } catch (error) {
      if (!(isApiError(error) && error.status === 409 && typeof error.details['revision'] === 'number')) void message.error(errorText(t, error));
      else setState('conflict');
    } finally {
      setSubmitting(false);
    }
  };

  const setItem = (index: number, item: MinutesItem) => change({ ...content, items: content.items.map((it, i) => (i === index ? item : it)) });
  const removeItem = (index: number) => change({ ...content, items: content.items.filter((_, i) => i !== index) });
  const addExtraItem = () =>
    change({ ...content, items: [...content.items, { agendaItemId: null, title: t('meetingMinutes.editor.extraItem'), statements: [], result: '', resolutions: [] }] });

  let agendaNo = 0;
  return (
    <Flex vertical gap={16} data-testid="minutes-editor">
      <SaveStatus state={state} savedAt={savedAt} failure={failure} onSave={() => void save().catch(() => undefined)} onReload={() => void reload()} />
      {draft.revisionNote && <Alert type="info" showIcon message={t('meetingMinutes.editor.revisionNote', { note: draft.revisionNote })} />}
      {minutes.status === 'returned' && minutes.versions.at(-1)?.reviewComment && (
        <Alert type="warning" showIcon message={t('meetingMinutes.editor.returnedComment', { comment: minutes.versions.at(-1)!.reviewComment })} />
      )}
      {content.items.map((item, index) => (
        <ItemCard
          key={item.agendaItemId ?? `extra-${index}`}
          label={item.agendaItemId ? t('meetingMinutes.editor.agendaItem', { n: ++agendaNo }) : t('meetingMinutes.editor.extraItem')}
          item={item}
          people={minutes.people}
          onChange={(next) => setItem(index, next)}
          onRemove={item.agendaItemId ? null : () => removeItem(index)}
        />
      ))}
      <Button size="large" icon={<PlusOutlined />} onClick={addExtraItem} data-testid="add-extra-item">
        {t('meetingMinutes.editor.addExtraItem')}
      </Button>
      <Card size="small" title={t('meetingMinutes.editor.notes')}>
        <Input.TextArea
          size="large"
          autoSize={{ minRows: 2, maxRows: 8 }}
          value={content.notes}
          maxLength={10000}
          aria-label={t('meetingMinutes.editor.notes')}
          onChange={(e) => change({ ...content, notes: e.target.value })}
        />
      </Card>
      <Flex justify="flex-end">
        <Popconfirm title={t('meetingMinutes.editor.submitConfirm')} onConfirm={() => void submit()} okText={t('common.confirm')} cancelText={t('common.cancel')}>
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} disabled={state === 'conflict'} data-testid="minutes-submit">
            {t('meetingMinutes.editor.submit')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}

function SaveStatus({ state, savedAt, failure, onSave, onReload }: { state: SaveState; savedAt: string | null; failure: string | null; onSave: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  if (state === 'conflict') {
    return (
      <Alert
        type="error"
        showIcon
        message={t('meetingMinutes.editor.conflictTitle')}
        description={t('meetingMinutes.editor.conflictText')}
        action={<Button onClick={onReload} data-testid="minutes-reload">{t('meetingMinutes.editor.reload')}</Button>}
        data-testid="minutes-conflict"
      />
    );
  }
  const text =
    state === 'saving'
      ? t('meetingMinutes.editor.saving')
      : state === 'error'
        ? t('meetingMinutes.editor.saveFailed', { error: failure ?? '' })
        : state === 'dirty'
          ? t('meetingMinutes.editor.unsaved')
          : savedAt
            ? t('meetingMinutes.editor.savedAt', { time: dayjs(savedAt).format('HH:mm:ss') })
            : '';
  return (
    <Flex justify="space-between" align="center" gap={8} wrap role="status" aria-live="polite">
      <Typography.Text type={state === 'error' ? 'danger' : 'secondary'} data-testid="minutes-save-state">
        {text}
      </Typography.Text>
      {(state === 'dirty' || state === 'error') && (
        <Button icon={<SaveOutlined />} onClick={onSave}>
          {t('meetingMinutes.editor.saveNow')}
        </Button>
      )}
    </Flex>
  );
}

interface ItemCardProps {
  label: string;
  item: MinutesItem;
  people: MinutesPerson[];
  onChange: (item: MinutesItem) => void;
  onRemove: (() => void) | null;
}

function ItemCard({ label, item, people, onChange, onRemove }: ItemCardProps) {
  const { t } = useTranslation();
  const setStatement = (i: number, s: MinutesStatement) => onChange({ ...item, statements: item.statements.map((x, j) => (j === i ? s : x)) });
  const setResolution = (i: number, r: MinutesResolution) => onChange({ ...item, resolutions: item.resolutions.map((x, j) => (j === i ? r : x)) });
  return (
    <Card
      size="small"
      title={<Typography.Text strong>{label}</Typography.Text>}
      extra={onRemove && <Button danger type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('meetingMinutes.editor.remove')} />}
    >
      <Flex vertical gap={12}>
        <Input
          size="large"
          value={item.title}
          maxLength={200}
          disabled={item.agendaItemId !== null}
          aria-label={t('meetingMinutes.editor.itemTitle')}
          onChange={(e) => onChange({ ...item, title: e.target.value })}
        />
        <Typography.Text strong>{t('meetingMinutes.editor.statements')}</Typography.Text>
        {item.statements.map((s, i) => (
          <StatementRow
            key={i}
            statement={s}
            people={people}
            onChange={(next) => setStatement(i, next)}
            onRemove={() => onChange({ ...item, statements: item.statements.filter((_, j) => j !== i) })}
          />
        ))}
        <Button icon={<PlusOutlined />} size="large" onClick={() => onChange({ ...item, statements: [...item.statements, emptyStatement()] })}>
          {t('meetingMinutes.editor.addStatement')}
        </Button>
        <label>
          <Typography.Text strong>{t('meetingMinutes.editor.result')}</Typography.Text>
          <Input.TextArea size="large" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} value={item.result} onChange={(e) => onChange({ ...item, result: e.target.value })} />
        </label>
        <Typography.Text strong>{t('meetingMinutes.editor.resolutions')}</Typography.Text>
        {item.resolutions.map((r, i) => (
          <ResolutionRow
            key={r.key}
            resolution={r}
            onChange={(next) => setResolution(i, next)}
            onRemove={() => onChange({ ...item, resolutions: item.resolutions.filter((_, j) => j !== i) })}
          />
        ))}
        <Button icon={<PlusOutlined />} size="large" onClick={() => onChange({ ...item, resolutions: [...item.resolutions, emptyResolution()] })}>
          {t('meetingMinutes.editor.addResolution')}
        </Button>
      </Flex>
    </Card>
  );
}

function StatementRow({ statement, people, onChange, onRemove }: { statement: MinutesStatement; people: MinutesPerson[]; onChange: (s: MinutesStatement) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const group = (attendee: boolean) => people.filter((p) => p.attendee === attendee).map((p) => ({ value: p.id, label: p.department ? `${p.displayName}（${p.department.name}）` : p.displayName }));
  const pick = (id: string | undefined) => {
    const person = people.find((p) => p.id === id);
    onChange({ ...statement, speakerId: person?.id ?? null, speakerName: person?.displayName ?? '', departmentId: statement.departmentId ?? person?.department?.id ?? null });
  };
  return (
    <Flex vertical gap={8} style={{ borderInlineStart: '3px solid #e5e5e5', paddingInlineStart: 12 }}>
      <Space.Compact block>
        <Select
          size="large"
          style={{ width: '100%' }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('meetingMinutes.editor.speakerPick')}
          aria-label={t('meetingMinutes.editor.speaker')}
          value={statement.speakerId ?? undefined}
          onChange={pick}
          options={[
            { label: t('meetingMinutes.editor.attendee'), options: group(true) },
            { label: t('meetingMinutes.editor.others'), options: group(false) },
          ]}
        />
        <Button size="large" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('meetingMinutes.editor.remove')} />
      </Space.Compact>
      {statement.speakerId === null && (
        <Input
          size="large"
          maxLength={100}
          placeholder={t('meetingMinutes.editor.speakerName')}
          aria-label={t('meetingMinutes.editor.speakerName')}
          value={statement.speakerName}
          onChange={(e) => onChange({ ...statement, speakerName: e.target.value })}
        />
      )}
      <DepartmentTreeSelect value={statement.departmentId} onChange={(departmentId) => onChange({ ...statement, departmentId })} placeholder={t('meetingMinutes.editor.department')} />
      <Input.TextArea
        size="large"
        autoSize={{ minRows: 2, maxRows: 10 }}
        maxLength={5000}
        placeholder={t('meetingMinutes.editor.points')}
        aria-label={t('meetingMinutes.editor.points')}
        value={statement.points}
        onChange={(e) => onChange({ ...statement, points: e.target.value })}
      />
    </Flex>
  );
}

function ResolutionRow({ resolution, onChange, onRemove }: { resolution: MinutesResolution; onChange: (r: MinutesResolution) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} style={{ borderInlineStart: '3px solid #91caff', paddingInlineStart: 12 }} data-testid="minutes-resolution">
      <Flex gap={8}>
        <Input.TextArea
          size="large"
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('meetingMinutes.editor.resolution')}
          aria-label={t('meetingMinutes.editor.resolution')}
          value={resolution.content}
          onChange={(e) => onChange({ ...resolution, content: e.target.value })}
        />
        <Button size="large" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('meetingMinutes.editor.remove')} />
      </Flex>
      <DepartmentTreeSelect value={resolution.departmentId} onChange={(departmentId) => onChange({ ...resolution, departmentId })} placeholder={t('meetingMinutes.editor.ownerDepartment')} />
      <UserSelect value={resolution.ownerId} onChange={(ownerId) => onChange({ ...resolution, ownerId })} placeholder={t('meetingMinutes.editor.ownerEmpty')} />
      <DatePicker
        size="large"
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        style={{ width: '100%' }}
        placeholder={t('meetingMinutes.editor.deadline')}
        aria-label={t('meetingMinutes.editor.deadline')}
        value={resolution.deadline ? dayjs(resolution.deadline) : null}
        onChange={(value) => onChange({ ...resolution, deadline: value ? value.second(0).millisecond(0).toISOString() : null })}
      />
    </Flex>
  );
}
