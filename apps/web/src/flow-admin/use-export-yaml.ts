import { useMutation } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationType, ApplicationTypeVersion } from '@henji/contracts';
import { api } from '../api/client.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import type { ItemsOf } from '../api/types.ts';
import { downloadText } from './download.ts';
import { exportVersionYaml } from './api.ts';

interface ExportRequest {
  type: Pick<ApplicationType, 'id' | 'code'>;
  /** A given version; else the published one. */
  version?: Pick<ApplicationTypeVersion, 'id' | 'version'>;
}

/** Downloads a version's definition as `<code>-v<n>.yaml`, the format `henji` imports and the built-in types use. */
export function useExportYaml() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useErrorReporter();

  return useMutation({
    mutationFn: async ({ type, version }: ExportRequest) => {
      let chosen = version;
      if (!chosen) {
        const versions = await api<ItemsOf<ApplicationTypeVersion>>(`/api/application-types/${encodeURIComponent(type.id)}/versions`);
        chosen = versions.items.find((v) => v.status === 'published');
      }
      if (!chosen) return false;
      downloadText(`${type.code}-v${chosen.version}.yaml`, await exportVersionYaml(type.id, chosen.id));
      return true;
    },
    onSuccess: (exported) => {
      if (!exported) void message.warning(t('flowAdmin.type.exportNone'));
    },
    onError: (error) => reportError(error),
  });
}
