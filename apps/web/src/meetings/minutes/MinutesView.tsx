/** One minutes version as read: per agenda item the statements, the result and the resolutions; other matters. */
import { Card, Descriptions, Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DiffPart, MinutesContent, MinutesPerson, VersionDiff } from '@henji/contracts';
import { formatDateTime } from '../../i18n/format.ts';

export function MinutesView({ content, people }: { content: MinutesContent; people: MinutesPerson[] }) {
  const { t } = useTranslation();
  const nameOf = (id: string | null, fallback: string) => (id ? (people.find((p) => p.id === id)?.displayName ?? fallback) : fallback);
  let agendaNo = 0;
  return (
    <Flex vertical gap={12} data-testid="minutes-view">
      {content.items.map((item, index) => (
        <Card
          key={`${item.agendaItemId ?? 'extra'}-${index}`}
          size="small"
          title={`${item.agendaItemId ? t('meetingMinutes.editor.agendaItem', { n: ++agendaNo }) : t('meetingMinutes.editor.extraItem')} · ${item.title}`}
        >
          <Flex vertical gap={8}>
            {item.statements.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('meetingMinutes.editor.statements')}</Typography.Text>}
                dataSource={item.statements}
                renderItem={(s) => (
                  <List.Item>
                    <Typography.Text strong>{nameOf(s.speakerId, s.speakerName || '—')}</Typography.Text>：{s.points || '—'}
                  </List.Item>
                )}
              />
            )}
            <Descriptions size="small" column={1} items={[{ key: 'result', label: t('meetingMinutes.editor.result'), children: item.result || '—' }]} />
            {item.resolutions.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('meetingMinutes.editor.resolutions')}</Typography.Text>}
                dataSource={item.resolutions}
                renderItem={(r, i) => (
                  <List.Item>
                    <Flex vertical>
                      <span>
                        {i + 1}. {r.content}
                      </span>
                      <Typography.Text type="secondary">
                        {t('meetingMinutes.editor.owner')}：{r.ownerId ? nameOf(r.ownerId, '—') : t('meetingMinutes.editor.ownerNone')} · {t('meetingMinutes.editor.deadline')}：
                        {r.deadline ? formatDateTime(r.deadline) : '—'}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Flex>
        </Card>
      ))}
      {content.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Descriptions size="small" column={1} items={[{ key: 'notes', label: t('meetingMinutes.editor.notes'), children: content.notes || '—' }]} />
    </Flex>
  );
}

const FIELD_NAMES = ['title', 'result', 'content', 'departmentId', 'ownerId', 'deadline', 'points', 'speakerName'] as const;
const isFieldName = (name: string): name is (typeof FIELD_NAMES)[number] => (FIELD_NAMES as readonly string[]).includes(name);

/** Word diff pieces: added underlined in green, removed struck through in red. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        p.op === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'added' ? (
          <ins key={i} style={{ background: '#d9f7be', textDecoration: 'underline' }}>
            {p.text}
          </ins>
        ) : (
          <del key={i} style={{ background: '#ffccc7' }}>
            {p.text}
          </del>
        ),
      )}
    </span>
  );
}

export function DiffView({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  const field = (name: string) => (isFieldName(name) ? t(`meetingMinutes.panel.fields.${name}`) : name);
  const changedItems = diff.items.filter((i) => i.change !== 'same');
  const notesChanged = diff.notes.some((p) => p.op !== 'same');
  if (changedItems.length === 0 && !notesChanged) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetingMinutes.panel.noChanges')} />;
  return (
    <Flex vertical gap={12} data-testid="minutes-diff">
      {changedItems.map((item, i) => (
        <Card key={i} size="small" title={`${t(`meetingMinutes.panel.${item.change}`)} · ${item.title}`}>
          <Flex vertical gap={6}>
            {item.fields.map((f) => (
              <div key={f.field}>
                <Typography.Text type="secondary">{field(f.field)}：</Typography.Text>
                <DiffText parts={f.parts} />
              </div>
            ))}
            {item.statements.added.map((s, j) => (
              <div key={`sa${j}`}>
                <Typography.Text type="success">+ {s.speakerName}</Typography.Text>：{s.points}
              </div>
            ))}
            {item.statements.removed.map((s, j) => (
              <div key={`sr${j}`}>
                <Typography.Text type="danger" delete>
                  − {s.speakerName}：{s.points}
                </Typography.Text>
              </div>
            ))}
            {item.statements.changed.map((s, j) => (
              <div key={`sc${j}`}>
                {s.speakerName}：{s.fields.map((f) => <DiffText key={f.field} parts={f.parts} />)}
              </div>
            ))}
            {item.resolutions.added.map((r) => (
              <div key={`ra${r.key}`}>
                <Typography.Text type="success">+ {t('meetingMinutes.editor.resolution')}：{r.content}</Typography.Text>
              </div>
            ))}
            {item.resolutions.removed.map((r) => (
              <div key={`rr${r.key}`}>
                <Typography.Text type="danger" delete>
                  − {t('meetingMinutes.editor.resolution')}：{r.content}
                </Typography.Text>
              </div>
            ))}
            {item.resolutions.changed.map((r) => (
              <div key={`rc${r.key}`}>
                {r.fields.map((f) => (
                  <div key={f.field}>
                    <Typography.Text type="secondary">{field(f.field)}：</Typography.Text>
                    <DiffText parts={f.parts} />
                  </div>
                ))}
              </div>
            ))}
          </Flex>
        </Card>
      ))}
      {notesChanged && (
        <Card size="small" title={t('meetingMinutes.panel.notesChanged')}>
          <DiffText parts={diff.notes} />
        </Card>
      )}
    </Flex>
  );
}
