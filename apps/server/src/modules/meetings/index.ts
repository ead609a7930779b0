/**
 * Meetings (M1–M4) and rooms (R3). Today: rooms, movable equipment and bookings; the meetings themselves come next and
 * book rooms through the same commands.
 */
import './actions.ts';
import './policies.ts';
import './meeting-policies.ts';
import './describe.ts';
import './notices.ts';
import './meeting-actions.ts';
import './meeting-notices.ts';
import './meeting-calendar.ts';
import './meeting-describe.ts';
import './sign-in/index.ts';

export { roomRoutes } from './routes.ts';
export { meetingRoutes } from './meeting-routes.ts';
export { feedRoutes } from './meeting-feed.ts';
export { signInRoutes, queueAttendanceClose } from './sign-in/index.ts';
export { createBooking, cancelBooking } from './commands/bookings.ts';
export { conflictsOf, freeSlots } from './availability.ts';
