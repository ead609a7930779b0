import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useGlossaryText, type GlossaryTerm } from './GlossaryButton.tsx';

/** A technical word with its plain explanation from the glossary in a tooltip (keyboard-reachable). */
export function Jargon({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  const explain = useGlossaryText();
  return (
    <Tooltip title={explain(term)}>
      <span tabIndex={0} style={{ cursor: 'help' }} data-testid={`jargon-${term}`}>
        {children} <QuestionCircleOutlined style={{ fontSize: 12, opacity: 0.6 }} aria-hidden />
      </span>
    </Tooltip>
  );
}
