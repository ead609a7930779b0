import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { Prop } from './Prop.tsx';

interface IdInputProps {
  label: string;
  help: string;
  value: string;
  /** Applies the new id, or says why it cannot be used. */
  check: (next: string) => string | null;
  onCommit: (next: string) => void;
  messages?: readonly string[];
  disabled?: boolean;
}

/**
 * An id other parts of the definition refer to (a node id, a field key). It is applied when editing ends, not per
 * keystroke: every intermediate spelling would otherwise rename the references, and a half-typed id may collide.
 */
export function IdInput({ label, help, value, check, onCommit, messages = [], disabled }: IdInputProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value);
    setError(null);
  }, [value]);

  const commit = () => {
    const next = draft.trim();
    if (next === value) return setError(null);
    const problem = check(next);
    setError(problem);
    if (!problem) onCommit(next);
  };

  return (
    <Prop label={label} help={help} messages={error ? [error, ...messages] : messages} required>
      <Input
        value={draft}
        disabled={disabled}
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        style={{ fontFamily: 'monospace' }}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onPressEnter={commit}
      />
    </Prop>
  );
}
