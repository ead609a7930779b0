import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../components/QueryError.tsx';
import { afterApplicationChange, createApplication, useApplicationType } from './api.ts';
import { ApplicationEditor, type EditorValues } from './ApplicationEditor.tsx';
import { emptyFormState } from './form-values.ts';

/** 发起申请: the published form of one type. Saving a draft moves to the draft's own edit page. */
export function NewApplicationPage() {
  const { typeId } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const type = useApplicationType(typeId);
  // One key per opening of the form: a second click, a retry after a lost answer, or a double submit all return the
  // application the first one created instead of creating another.
  const [requestKey] = useState(() => crypto.randomUUID());

  if (type.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (type.isError) return <QueryError error={type.error} onRetry={() => void type.refetch()} />;
  const definition = type.data.definition;
  if (!definition) {
    return (
      <Result
        status="info"
        title={type.data.name}
        subTitle={t('applications.catalog.notPublished')}
        extra={
          <Link to="/applications/catalog">
            <Button>{t('applications.nav.catalog')}</Button>
          </Link>
        }
      />
    );
  }

  const create = async ({ form, urgent, cc }: EditorValues, submit: boolean) => {
    const created = await createApplication({ typeId: type.data.id, form, urgent, submit, requestKey, ...(submit && cc.length > 0 ? { cc } : {}) });
    await afterApplicationChange(queryClient, created.id);
    void message.success(submit ? t('applications.form.submitted') : t('applications.form.draftSaved'));
    void navigate(submit ? `/applications/${created.id}` : `/applications/${created.id}/edit`, { replace: true });
  };

  return (
    <ApplicationEditor
      typeId={type.data.id}
      title={t('applications.form.newTitle', { name: type.data.name })}
      description={type.data.description || undefined}
      definition={definition}
      initialState={emptyFormState(definition.form)}
      initialUrgent={false}
      onSaveDraft={(values) => create(values, false)}
      onSubmit={(values) => create(values, true)}
      submitLabel={t('applications.form.submit')}
      confirmText={t('applications.form.confirmSubmit')}
    />
  );
}
