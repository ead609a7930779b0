import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { afterChange } from '../org/api.ts';
import { APPLICATION_TYPE_SUBJECT, flowAdminKeys, importApplicationType } from './api.ts';
import { problemsFromFields, type Problem } from './problem-path.ts';

interface ImportValues {
  yaml: string;
  publish: boolean;
}

/** The largest definition file the server accepts (ImportApplicationTypeInput). */
const MAX_YAML_CHARS = 200_000;

/** Imports a definition file (the same YAML the built-in types are written in); its problems are listed by path. */
export function ImportTypeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<ImportValues>();
  const [problems, setProblems] = useState<Problem[]>([]);

  const importing = useMutation({
    mutationFn: (values: ImportValues) => importApplicationType({ yaml: values.yaml, publish: values.publish }),
    onMutate: () => setProblems([]),
    onSuccess: async (type) => {
      void message.success(t('flowAdmin.type.importDone', { name: type.name }));
      await afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id });
      onClose();
      void navigate(`/admin/application-types/${type.id}`);
    },
    onError: (error) => {
      // Paths inside the file (flow.nodes[2].next) match no field of this form: list them instead of a toast.
      const found = isApiError(error) ? problemsFromFields(error.fieldErrors).filter((p) => p.path !== 'yaml' && p.path !== 'publish') : [];
      if (found.length > 0) setProblems(found);
      else reportError(error, form);
    },
  });

  const readFile = (file: File) => {
    file
      .text()
      .then((text) => {
        form.setFieldValue('yaml', text);
        void form.validateFields(['yaml']);
      })
      .catch(() => void message.error(t('flowAdmin.type.fileUnreadable')));
    // Read in the browser; nothing is uploaded on its own.
    return false;
  };

  return (
    <FormModal<ImportValues>
      title={t('flowAdmin.type.importTitle')}
      form={form}
      initialValues={{ yaml: '', publish: false }}
      submitting={importing.isPending}
      onSubmit={(values) => importing.mutate(values)}
      onClose={onClose}
      okText={t('flowAdmin.type.import')}
      width={760}
    >
      <Upload accept=".yaml,.yml,text/yaml,application/yaml" showUploadList={false} beforeUpload={readFile} maxCount={1}>
        <Button icon={<UploadOutlined />} style={{ marginBottom: 12 }}>
          {t('flowAdmin.type.importFile')}
        </Button>
      </Upload>
      <Form.Item
        name="yaml"
        label={t('flowAdmin.type.importYaml')}
        extra={t('flowAdmin.type.importYamlHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: MAX_YAML_CHARS }]}
      >
        <Input.TextArea rows={16} spellCheck={false} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="publish" valuePropName="checked">
        <Checkbox>{t('flowAdmin.type.importPublish')}</Checkbox>
      </Form.Item>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('flowAdmin.type.importProblems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  <code>{p.path}</code> {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </FormModal>
  );
}
