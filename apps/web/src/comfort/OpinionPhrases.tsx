import { Flex, Select, Typography, type FormInstance } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePhrases } from './api.ts';
import { insertPhrase } from './logic.ts';

interface OpinionPhrasesProps {
  form: FormInstance;
  /** The opinion field's name in the form. */
  field: string;
}

/**
 * 常用语 under an opinion box: a searchable pick (keyboard too) that appends the phrase to the opinion. The user's saved
 * phrases; while they have none, the catalogue's suggestions — inserted, never stored.
 */
export function OpinionPhrases({ form, field }: OpinionPhrasesProps) {
  const { t } = useTranslation();
  const phrases = usePhrases();
  const saved = (phrases.data ?? []).map((p) => p.text);
  const suggestions = t('comfort.suggestedPhrases', { returnObjects: true }) as string[];
  const offered = saved.length > 0 ? saved : suggestions;
  return (
    <Flex gap={8} align="center" wrap style={{ marginTop: -8, marginBottom: 16 }}>
      <Select<string>
        size="small"
        showSearch={{ optionFilterProp: 'label' }}
        value={null}
        placeholder={t('comfort.phrases.insert')}
        aria-label={t('comfort.phrases.insert')}
        loading={phrases.isPending}
        options={offered.map((text) => ({ value: text, label: text }))}
        onSelect={(phrase: string) => form.setFieldValue(field, insertPhrase(form.getFieldValue(field) as string | undefined, phrase))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 180, maxWidth: '100%' }}
        data-testid="phrase-picker"
      />
      <Link to="/me#phrases">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('comfort.phrases.manage')}
        </Typography.Text>
      </Link>
    </Flex>
  );
}
