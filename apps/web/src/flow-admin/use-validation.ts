import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationDefinition } from '@henji/contracts';
import { isApiError } from '../api/client.ts';
import { flowAdminKeys, validateDefinition } from './api.ts';
import { problemsFromFields, type Problem } from './problem-path.ts';

/** Long enough that typing a name is one check, short enough to feel live. */
const DEBOUNCE_MS = 600;

export interface ValidationState {
  problems: Problem[];
  /** Not blocking: e.g. the type's description names an amount no condition uses. */
  warnings: Problem[];
  /** A check is waiting for typing to pause or for the server. */
  checking: boolean;
  /** The server could not be asked (network, server error); the problems shown are from the last check. */
  error: unknown;
}

/**
 * The publish check, run on the server while the administrator edits: the same rules as publishing, without
 * publishing. A definition that fails the request schema (an empty name, a malformed id) is answered with a 400 whose
 * field paths are problems too.
 */
export function useValidation(definition: ApplicationDefinition | null, description = ''): ValidationState {
  const [settled, setSettled] = useState(definition);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(definition), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [definition]);

  const check = useQuery({
    queryKey: [...flowAdminKeys.validation(settled ?? { form: { fields: [] }, flow: { start: '', nodes: [] } }), description],
    queryFn: async ({ signal }): Promise<{ problems: Problem[]; warnings: Problem[] }> => {
      if (!settled) return { problems: [], warnings: [] };
      try {
        const report = await validateDefinition(settled, signal, description);
        return { problems: report.problems, warnings: report.warnings };
      } catch (error) {
        if (isApiError(error) && error.code === 'validation_failed') return { problems: problemsFromFields(error.fieldErrors), warnings: [] };
        throw error;
      }
    },
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });

  return {
    problems: check.data?.problems ?? [],
    warnings: check.data?.warnings ?? [],
    checking: settled !== definition || check.isFetching,
    error: check.isError ? check.error : null,
  };
}
