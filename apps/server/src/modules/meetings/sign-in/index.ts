/** Sign-in and attendance (M2). See commands.ts. */
import './actions.ts';

export { signInRoutes } from './routes.ts';
export { queueAttendanceClose, ATTENDANCE_CLOSE_JOB } from './commands.ts';
