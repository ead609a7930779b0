import { useState } from 'react';
import { Button, Drawer, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** 术语表: the ledger's jargon (默克尔树, 叶子序号, 检查点 …) in plain words, in a drawer beside the page. */
export function GlossaryButton({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const terms = useGlossary();
  return (
    <>
      <Button size={size} icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)} data-testid="glossary-open">
        {t('evidence.glossary.open')}
      </Button>
      <Drawer title={t('evidence.glossary.title')} open={open} onClose={() => setOpen(false)} size="default" data-testid="glossary">
        <Typography.Paragraph type="secondary">{t('evidence.glossary.intro')}</Typography.Paragraph>
        <dl style={{ margin: 0 }}>
          {terms.map(({ term, text }) => (
            <div key={term} style={{ marginBottom: 12 }}>
              <dt>
                <Typography.Text strong>{term}</Typography.Text>
              </dt>
              <dd style={{ margin: '2px 0 0' }}>{text}</dd>
            </div>
          ))}
        </dl>
      </Drawer>
    </>
  );
}

export type GlossaryTerm = 'trace' | 'ledger' | 'hash' | 'merkle' | 'leaf' | 'root' | 'checkpoint' | 'signature' | 'inclusion' | 'consistency' | 'pending' | 'bundle' | 'secret';

function useGlossary() {
  const { t } = useTranslation();
  return t('evidence.glossary.terms', { returnObjects: true }) as { id: GlossaryTerm; term: string; text: string }[];
}

/** A term's plain explanation, for the tooltip beside the jargon on a page. */
export function useGlossaryText() {
  const terms = useGlossary();
  return (id: GlossaryTerm) => terms.find((entry) => entry.id === id)?.text ?? '';
}
