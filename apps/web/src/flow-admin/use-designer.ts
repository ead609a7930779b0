import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';
import { App as AntApp } from 'antd';
import type { ApplicationDefinition, ApplicationTypeVersion } from '@henji/contracts';

/** The version the designer edits: the draft if there is one, else a copy of the newest published version. */
export function baseVersion(versions: readonly ApplicationTypeVersion[]): ApplicationTypeVersion | undefined {
  const byNewest = [...versions].sort((a, b) => b.version - a.version);
  return byNewest.find((v) => v.status === 'draft') ?? byNewest.find((v) => v.status === 'published') ?? byNewest[0];
}

const fingerprint = (definition: ApplicationDefinition) => JSON.stringify(definition);

export interface DesignerState {
  /** The definition being edited, null until the versions have loaded. */
  definition: ApplicationDefinition | null;
  base: ApplicationTypeVersion | undefined;
  setDefinition: (definition: ApplicationDefinition) => void;
  /** Changed since it was loaded or last saved. */
  dirty: boolean;
  /** Call with what was saved as the draft. */
  markSaved: (definition: ApplicationDefinition) => void;
}

/**
 * The definition under edit lives here, in the browser, until it is saved as the draft; reloading the versions (after
 * a save or a publish) does not overwrite unsaved work.
 */
export function useDesigner(versions: readonly ApplicationTypeVersion[] | undefined): DesignerState {
  const base = useMemo(() => (versions ? baseVersion(versions) : undefined), [versions]);
  const [edit, setEdit] = useState<{ definition: ApplicationDefinition; saved: string } | null>(null);

  useEffect(() => {
    if (!base) return;
    // Take the server's definition when nothing local would be lost: first load, or a reload with no edits pending.
    setEdit((current) =>
      current === null || fingerprint(current.definition) === current.saved
        ? { definition: base.definition, saved: fingerprint(base.definition) }
        : current,
    );
  }, [base]);

  const definition = edit?.definition ?? null;
  const dirty = edit !== null && fingerprint(edit.definition) !== edit.saved;
  const setDefinition = useCallback(
    (next: ApplicationDefinition) => setEdit((current) => ({ definition: next, saved: current?.saved ?? '' })),
    [],
  );
  const markSaved = useCallback(
    (next: ApplicationDefinition) => setEdit((current) => (current ? { ...current, saved: fingerprint(next) } : current)),
    [],
  );

  // Unsaved work is not lost by accident: closing or reloading the tab asks the browser's question, moving elsewhere
  // in the app asks ours.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  const { modal } = AntApp.useApp();
  const { t } = useTranslation();
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('flowAdmin.designer.leaveTitle'),
      content: t('flowAdmin.designer.leaveBody'),
      okText: t('flowAdmin.designer.leave'),
      okButtonProps: { danger: true },
      cancelText: t('flowAdmin.designer.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal, t]);

  return { definition, base, setDefinition, dirty, markSaved };
}
