import { useTranslation } from 'react-i18next';
import type { Position, Role } from '@henji/contracts';
import { BUILTIN_ROLES, POSITION_CODES } from '@henji/contracts/values';

type BuiltinPosition = (typeof POSITION_CODES)[number];
type BuiltinRole = (typeof BUILTIN_ROLES)[number];
const isBuiltinPosition = (code: string): code is BuiltinPosition => POSITION_CODES.some((c) => c === code);
const isBuiltinRole = (code: string): code is BuiltinRole => BUILTIN_ROLES.some((c) => c === code);

/**
 * Names of built-in positions and roles follow the UI language (负责人 / Head); names an administrator typed are shown
 * as typed.
 */
export function useReferenceLabels() {
  const { t } = useTranslation();
  return {
    position: (position: Pick<Position, 'code' | 'name' | 'builtin'>) =>
      position.builtin && isBuiltinPosition(position.code) ? t(`org.position.builtin.${position.code}`) : position.name,
    role: (role: Pick<Role, 'code' | 'name' | 'builtin'>) =>
      role.builtin && isBuiltinRole(role.code) ? t(`org.role.builtin.${role.code}`) : role.name,
  };
}
