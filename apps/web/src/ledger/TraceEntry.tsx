import { Fragment, useState } from 'react';
import { Button, Flex, Space, Typography } from 'antd';
import { ArrowRightOutlined, DownOutlined, PaperClipOutlined, UpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntryDescription, LedgerEntry } from '@henji/contracts';
import { LedgerEntryDetails } from './LedgerEntryDetails.tsx';
import { VerificationBadge } from './VerificationBadge.tsx';
import { useEntryVerdict } from './use-verification.ts';

/** Who acted, by name, as the server describes it: "张三", "李四 代 张三", a sign-in's own person, or 系统. */
export function ActorLabel({ entry }: { entry: LedgerEntry }) {
  return <>{entry.description.actorLabel}</>;
}

export function EntryVerification({ entry }: { entry: LedgerEntry }) {
  return <VerificationBadge verdict={useEntryVerdict(entry)} />;
}

/**
 * The changed fields in plain words, one line each: label, then value before → value after (a side the field did not
 * have is left out). A two-column grid rather than a table, so values wrap as text on a phone instead of a letter a line.
 */
export function DescribedFields({ fields }: { fields: EntryDescription['fields'] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <dl
      data-testid="trace-fields"
      aria-label={t('evidence.fields')}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(4em, max-content) minmax(0, 1fr)', gap: '4px 12px', margin: 0, padding: '8px 12px', background: 'rgba(0, 0, 0, 0.02)', borderRadius: 6 }}
    >
      {fields.map((f) => (
        <Fragment key={f.field}>
          <dt>
            <Typography.Text type="secondary">{f.label}</Typography.Text>
          </dt>
          <dd style={{ margin: 0, wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
            {f.before !== null && (
              <>
                <Typography.Text delete type="secondary" aria-label={`${t('trace.before')} ${f.before}`}>
                  {f.before}
                </Typography.Text>{' '}
                <ArrowRightOutlined aria-hidden style={{ fontSize: 11, opacity: 0.6 }} />{' '}
              </>
            )}
            {f.after !== null && <Typography.Text>{f.after}</Typography.Text>}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * One trace entry in plain language: the sentence the server wrote ("李四 在「财务部审核」同意"), the written opinion,
 * the changed fields with translated labels and values, attached evidence by name, its proof badge — and behind 详情
 * the original record with its ids and hashes, which is what the signatures cover.
 */
export function TraceEntry({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="trace-entry" data-entry-id={entry.id}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong data-testid="trace-sentence">
          {entry.description.sentence}
        </Typography.Text>
        <EntryVerification entry={entry} />
      </Flex>
      {entry.comment && (
        <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }} data-testid="trace-comment">
          {entry.comment}
        </Typography.Paragraph>
      )}
      {entry.description.fields.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <DescribedFields fields={entry.description.fields} />
        </div>
      )}
      {entry.evidence.length > 0 && (
        <Space orientation="vertical" size={0} style={{ marginTop: 8 }}>
          {entry.evidence.map((item) => (
            <Typography.Text key={item.sha256} type="secondary" style={{ fontSize: 12 }}>
              <PaperClipOutlined /> {item.name}
            </Typography.Text>
          ))}
        </Space>
      )}
      <Button
        type="link"
        size="small"
        style={{ padding: 0, marginTop: 4 }}
        icon={open ? <UpOutlined /> : <DownOutlined />}
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid="trace-details-toggle"
      >
        {open ? t('evidence.hideDetails') : t('evidence.details')}
      </Button>
      {open && (
        <div style={{ marginTop: 4 }}>
          <LedgerEntryDetails entry={entry} />
        </div>
      )}
    </div>
  );
}
