import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text.ts';
import { QueryError } from '../components/QueryError.tsx';
import { comfortKeys, savePhrases, usePhrases } from './api.ts';
import { addPhrase, editPhrase, movePhrase, PHRASE_MAX_LENGTH, phraseProblem, removePhrase, suggestionsFor } from './logic.ts';

/**
 * 常用语 on 个人设置: add, edit, delete and reorder. Every change saves the whole ordered list (one traced command);
 * the catalogue's suggestions are offered as tags and stored only when the user adds one.
 */
export function PhrasesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const phrases = usePhrases();
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ index: number; text: string; error: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const list = (phrases.data ?? []).map((p) => p.text);
  const suggestions = suggestionsFor(list, t('comfort.suggestedPhrases', { returnObjects: true }) as string[]);

  const save = async (next: string[]) => {
    setSaving(true);
    try {
      const items = await savePhrases(next);
      queryClient.setQueryData(comfortKeys.phrases, items);
      void message.success(t('comfort.phrases.saved'));
      return true;
    } catch (error) {
      void message.error(errorText(t, error));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async (text: string) => {
    const problem = phraseProblem(list, text);
    if (problem) {
      setDraftError(t(`comfort.phrases.problem.${problem}`));
      return;
    }
    if (await save(addPhrase(list, text))) {
      setDraft('');
      setDraftError(null);
    }
  };

  const finishEdit = async () => {
    if (!editing) return;
    const problem = phraseProblem(list, editing.text, editing.index);
    if (problem) {
      setEditing({ ...editing, error: t(`comfort.phrases.problem.${problem}`) });
      return;
    }
    if (await save(editPhrase(list, editing.index, editing.text))) setEditing(null);
  };

  return (
    <Card title={t('comfort.phrases.title')} id="phrases" style={{ scrollMarginTop: 64 }} data-testid="phrases-card">
      <Typography.Paragraph type="secondary">{t('comfort.phrases.description')}</Typography.Paragraph>
      {phrases.isError ? (
        <QueryError error={phrases.error} onRetry={() => void phrases.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          {phrases.isPending ? null : list.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comfort.phrases.empty')} />
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="phrase-list">
              {list.map((text, index) =>
                editing?.index === index ? (
                  <li key={`edit-${index}`} style={{ marginBottom: 8 }}>
                    <Form.Item validateStatus={editing.error ? 'error' : undefined} help={editing.error} style={{ marginBottom: 4 }}>
                      <Input
                        value={editing.text}
                        maxLength={PHRASE_MAX_LENGTH}
                        autoFocus
                        aria-label={t('comfort.phrases.edit')}
                        onChange={(e) => setEditing({ ...editing, text: e.target.value, error: null })}
                        onPressEnter={() => void finishEdit()}
                        onKeyDown={(e) => {
                          if (e.key === 'Escape') setEditing(null);
                        }}
                      />
                    </Form.Item>
                    <Space>
                      <Button size="small" type="primary" loading={saving} onClick={() => void finishEdit()}>
                        {t('comfort.phrases.save')}
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        {t('comfort.phrases.cancel')}
                      </Button>
                    </Space>
                  </li>
                ) : (
                  <li key={text} style={{ marginBottom: 4 }}>
                    <Flex justify="space-between" align="center" gap={8} wrap>
                      <Typography.Text style={{ flex: '1 1 200px', wordBreak: 'break-word' }}>{text}</Typography.Text>
                      <Space size={2}>
                        <Tooltip title={t('comfort.phrases.moveUp')}>
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('comfort.phrases.moveUp')} disabled={saving || index === 0} onClick={() => void save(movePhrase(list, index, -1))} />
                        </Tooltip>
                        <Tooltip title={t('comfort.phrases.moveDown')}>
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('comfort.phrases.moveDown')} disabled={saving || index === list.length - 1} onClick={() => void save(movePhrase(list, index, 1))} />
                        </Tooltip>
                        <Tooltip title={t('comfort.phrases.edit')}>
                          <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('comfort.phrases.edit')} disabled={saving} onClick={() => setEditing({ index, text, error: null })} />
                        </Tooltip>
                        <Tooltip title={t('comfort.phrases.delete')}>
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('comfort.phrases.delete')} disabled={saving} onClick={() => void save(removePhrase(list, index))} />
                        </Tooltip>
                      </Space>
                    </Flex>
                  </li>
                ),
              )}
            </ol>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void add(draft);
            }}
          >
            <Form.Item validateStatus={draftError ? 'error' : undefined} help={draftError} style={{ marginBottom: 0 }}>
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  value={draft}
                  maxLength={PHRASE_MAX_LENGTH}
                  placeholder={t('comfort.phrases.addPlaceholder')}
                  aria-label={t('comfort.phrases.addPlaceholder')}
                  onChange={(e) => {
                    setDraft(e.target.value);
                    setDraftError(null);
                  }}
                  data-testid="phrase-input"
                />
                <Button htmlType="submit" type="primary" icon={<PlusOutlined />} loading={saving} data-testid="phrase-add">
                  {t('comfort.phrases.add')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </form>
          {suggestions.length > 0 && (
            <Flex vertical gap={4}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('comfort.phrases.suggestions')}
              </Typography.Text>
              <Flex gap={6} wrap>
                {suggestions.map((text) => (
                  <Tag.CheckableTag key={text} checked={false} onChange={() => void add(text)} style={{ border: '1px dashed #d9d9d9' }}>
                    <PlusOutlined /> {text}
                  </Tag.CheckableTag>
                ))}
              </Flex>
            </Flex>
          )}
        </Flex>
      )}
    </Card>
  );
}
