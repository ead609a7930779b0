import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Space, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  YEAR_MAX,
  YEAR_MIN,
  type Calendar,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarImportFormat,
  type CalendarImportPreview,
  type CalendarImportSource,
} from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { afterChange } from '../org/api.ts';
import { applyImport, CALENDAR_SUBJECT, previewImport } from './api.ts';
import { previewRows, type PreviewRow } from './import-rows.ts';
import { WEEKDAY_KEYS, weekdayOf } from './week.ts';
import styles from './ImportHolidaysModal.module.css';

interface SourceValues {
  year?: number | null;
  notice?: string;
  ics?: string;
}

/** Base64 of a file's bytes, in chunks (String.fromCharCode takes a bounded number of arguments). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * 导入节假日: paste the State Council's notice, an ICS feed, or pick an xlsx sheet → 预览 (what would be added, changed
 * and removed, conflicts in red, lines that could not be read) → 确认导入, which the server applies as one traced
 * command for the whole year.
 */
export function ImportHolidaysModal({ calendar, onClose, onImported }: {
  calendar: Calendar;
  onClose: () => void;
  onImported: (year: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<SourceValues>();
  const [format, setFormat] = useState<CalendarImportFormat>('notice');
  const [xlsx, setXlsx] = useState<File | null>(null);
  const [preview, setPreview] = useState<CalendarImportPreview | null>(null);

  const read = useMutation({
    mutationFn: async (values: SourceValues): Promise<CalendarImportPreview> => {
      const year = values.year ?? undefined;
      let source: CalendarImportSource;
      if (format === 'xlsx') source = { format, file: await base64Of(xlsx!), ...(year ? { year } : {}) };
      else source = { format, text: (format === 'notice' ? values.notice : values.ics) ?? '', ...(year ? { year } : {}) };
      return previewImport(calendar.id, source);
    },
    onSuccess: (result) => setPreview(result),
    onError: (error) => reportError(error, form, { text: format, file: format, year: 'year' }),
  });

  const apply = useMutation({
    mutationFn: (plan: CalendarImportPreview) =>
      applyImport(calendar.id, { year: plan.year, format: plan.format, days: plan.items.map(({ date, kind, name }) => ({ date, kind, name })) }),
    onSuccess: async (result) => {
      void message.success(t('calendar.import.done', { year: result.year, added: result.added, changed: result.changed, removed: result.removed }));
      await afterChange(queryClient, queryKeys.calendars.all, { type: CALENDAR_SUBJECT, id: calendar.id });
      onImported(result.year);
      onClose();
    },
    onError: (error) => reportError(error),
  });

  const pickFile = (accept: string, onFile: (file: File) => void, label: string, chosen: File | null) => (
    <Upload
      accept={accept}
      maxCount={1}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <Space wrap>
        <Button icon={<UploadOutlined />}>{label}</Button>
        {chosen && <Typography.Text type="secondary">{t('calendar.import.chosen', { name: chosen.name })}</Typography.Text>}
      </Space>
    </Upload>
  );

  const sourceStep = (
    <Form<SourceValues>
      form={form}
      layout="vertical"
      initialValues={{ year: null }}
      onFinish={(values) => read.mutate(values)}
      onValuesChange={() => read.reset()}
      data-testid="import-source"
    >
      <Form.Item name="year" label={t('calendar.import.year')} extra={t('calendar.import.yearHelp')}>
        <InputNumber<number> min={YEAR_MIN} max={YEAR_MAX} precision={0} placeholder={t('calendar.import.yearAuto')} style={{ width: 140 }} />
      </Form.Item>
      <Tabs
        activeKey={format}
        onChange={(key) => {
          setFormat(key as CalendarImportFormat);
          read.reset();
        }}
        items={[
          {
            key: 'notice',
            label: t('calendar.import.tabs.notice'),
            children: (
              <Form.Item
                name="notice"
                label={t('calendar.import.noticeLabel')}
                extra={t('calendar.import.noticeHelp')}
                rules={format === 'notice' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
              >
                <Input.TextArea rows={9} placeholder={t('calendar.import.noticePlaceholder')} data-testid="import-notice" />
              </Form.Item>
            ),
          },
          {
            key: 'ics',
            label: t('calendar.import.tabs.ics'),
            children: (
              <>
                <Form.Item
                  name="ics"
                  label={t('calendar.import.icsLabel')}
                  extra={t('calendar.import.icsHelp')}
                  rules={format === 'ics' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
                >
                  <Input.TextArea rows={7} placeholder={t('calendar.import.icsPlaceholder')} spellCheck={false} />
                </Form.Item>
                {pickFile(
                  '.ics,text/calendar',
                  (file) =>
                    void file.text().then(
                      (text) => form.setFieldsValue({ ics: text }),
                      () => void message.error(t('calendar.import.fileUnreadable')),
                    ),
                  t('calendar.import.chooseIcs'),
                  null,
                )}
              </>
            ),
          },
          {
            key: 'xlsx',
            label: t('calendar.import.tabs.xlsx'),
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('calendar.import.xlsxHelp')}</Typography.Text>
                {pickFile('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', setXlsx, t('calendar.import.chooseXlsx'), xlsx)}
              </Flex>
            ),
          },
        ]}
      />
    </Form>
  );

  const footer = preview ? (
    <Space wrap>
      <Button onClick={() => setPreview(null)} disabled={apply.isPending}>
        {t('calendar.import.back')}
      </Button>
      <Button
        type="primary"
        disabled={preview.items.length === 0}
        loading={apply.isPending}
        onClick={() => apply.mutate(preview)}
        data-testid="import-confirm"
      >
        {t('calendar.import.confirm')}
      </Button>
    </Space>
  ) : (
    <Space wrap>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={read.isPending} disabled={format === 'xlsx' && !xlsx} onClick={() => form.submit()} data-testid="import-preview">
        {t('calendar.import.preview')}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      title={t('calendar.import.title', { name: calendar.name })}
      width={900}
      onCancel={onClose}
      mask={{ closable: !apply.isPending }}
      footer={footer}
      className={styles.modal}
    >
      {preview ? <PreviewView preview={preview} /> : sourceStep}
    </Modal>
  );
}

function PreviewView({ preview }: { preview: CalendarImportPreview }) {
  const { t } = useTranslation();
  const rows = previewRows(preview);
  const count = (change: PreviewRow['change']) => rows.filter((r) => r.change === change).length;
  const conflicts = rows.filter((r) => r.conflict).length;

  const kindTag = (kind: CalendarDayKind) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`calendar.import.kind.${kind}`)}</Tag>;
  const dateText = (date: string) => `${date}（${t(`calendar.weekday.${WEEKDAY_KEYS[weekdayOf(date)]}`)}）`;
  const beforeText = (day: CalendarDay | null) =>
    day ? `${t(`calendar.import.kind.${day.kind}`)} ${day.name}`.trim() + ` · ${t(`calendar.days.${day.source}`)}` : '—';

  const columns: TableColumnsType<PreviewRow> = [
    { title: t('calendar.import.columns.date'), dataIndex: 'date', width: 150, render: dateText },
    { title: t('calendar.import.columns.kind'), dataIndex: 'kind', width: 80, render: kindTag },
    { title: t('calendar.import.columns.name'), dataIndex: 'name', ellipsis: true },
    {
      title: t('calendar.import.columns.change'),
      dataIndex: 'change',
      width: 130,
      render: (change: PreviewRow['change'], row) => (
        <Space size={4} wrap>
          <Tag color={change === 'add' ? 'green' : change === 'change' ? 'orange' : change === 'remove' ? 'default' : undefined}>
            {t(`calendar.import.change.${change}`)}
          </Tag>
          {row.conflict && <Tag color="error">{t('calendar.import.conflict')}</Tag>}
        </Space>
      ),
    },
    { title: t('calendar.import.columns.before'), dataIndex: 'before', width: 170, render: beforeText },
  ];

  return (
    <Flex vertical gap={12} data-testid="import-preview-result">
      <Typography.Text strong>
        {t('calendar.import.summary', { year: preview.year, add: count('add'), change: count('change'), remove: count('remove'), same: count('same') })}
      </Typography.Text>
      {preview.known && <Alert type="info" showIcon title={t('calendar.import.known', { year: preview.year })} />}
      {conflicts > 0 && <Alert type="warning" showIcon title={t('calendar.import.conflicts', { count: conflicts })} />}
      {preview.problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('calendar.import.problems', { count: preview.problems.length })}
          description={
            <ul className={styles.problems} data-testid="import-problems">
              {preview.problems.map((p, i) => (
                <li key={i}>
                  {p.line !== null && <Typography.Text type="secondary">{t('calendar.import.line', { line: p.line })}　</Typography.Text>}
                  {p.message}
                  {p.text && (
                    <>
                      {'：'}
                      <Typography.Text code>{p.text}</Typography.Text>
                    </>
                  )}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {rows.length === 0 ? (
        <Empty description={t('calendar.import.empty')} />
      ) : (
        <Table<PreviewRow>
          rowKey="date"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 640, y: 'min(420px, 45vh)' }}
          rowClassName={(row) => (row.conflict ? styles.conflict! : row.change === 'remove' ? styles.removed! : '')}
        />
      )}
    </Flex>
  );
}
