import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Application } from '@henji/contracts';
import { can } from '../components/can.ts';
import { QueryError } from '../components/QueryError.tsx';
import { submitActionOf } from './action-logic.ts';
import { actOnApplication, afterApplicationChange, updateDraft, useApplication } from './api.ts';
import { ApplicationEditor, type EditorValues } from './ApplicationEditor.tsx';
import { toFormState } from './form-values.ts';

/** Editing a draft (then 提交) or an application returned to or withdrawn by its applicant (then 重新提交). */
export function EditApplicationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const application = useApplication(id);

  if (application.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (application.isError) return <QueryError error={application.error} onRetry={() => void application.refetch()} />;
  if (!can(application.data, 'edit')) {
    return (
      <Result
        status="warning"
        title={application.data.title}
        subTitle={t('applications.form.notEditable')}
        extra={
          <Link to={`/applications/${application.data.id}`}>
            <Button>{t('common.details')}</Button>
          </Link>
        }
      />
    );
  }
  // Keyed by the application's version of its form: a reload after someone else's change starts from what is stored.
  return <Editor key={application.data.formHash} application={application.data} />;
}

function Editor({ application }: { application: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const returned = submitActionOf(application.status) === 'resubmit';

  const save = async ({ form, urgent }: EditorValues) => {
    await updateDraft(application.id, { form, urgent });
    await afterApplicationChange(queryClient, application.id);
    void message.success(t('applications.form.draftSaved'));
  };

  const submit = async ({ form, urgent, cc }: EditorValues) => {
    await updateDraft(application.id, { form, urgent });
    const copies = cc.length > 0 ? { cc } : {};
    await actOnApplication(application.id, returned ? { action: 'resubmit', ...copies } : { action: 'submit', ...copies });
    await afterApplicationChange(queryClient, application.id);
    void message.success(returned ? t('applications.form.resubmitted') : t('applications.form.submitted'));
    void navigate(`/applications/${application.id}`, { replace: true });
  };

  return (
    <ApplicationEditor
      typeId={application.type.id}
      title={t('applications.form.editTitle', { title: application.title })}
      description={application.type.name}
      definition={application.definition}
      initialState={toFormState(application.definition.form, application.form)}
      initialUrgent={application.urgent}
      onSaveDraft={save}
      onSubmit={submit}
      submitLabel={returned ? t('applications.form.resubmit') : t('applications.form.submit')}
      confirmText={returned ? t('applications.form.confirmResubmit') : t('applications.form.confirmSubmit')}
    />
  );
}
