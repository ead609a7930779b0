/**
 * Runs a change to rooms, equipment or bookings: on success a message and every rooms list refreshed; on failure the
 * error shown. Resolves to whether it succeeded.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { afterRoomChange } from './api.ts';

export function useRoomChange() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  return async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      await afterRoomChange(queryClient);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  };
}
