import { registerActions } from '../../kernel/ledger/actions.ts';

export const ROOM_ACTIONS = registerActions({
  'room.create': 'room',
  'room.update': 'room',
  /** Only a room that was never booked; one with bookings is deactivated instead. */
  'room.delete': 'room',
  'equipment.create': 'equipment',
  'equipment.update': 'equipment',
  'equipment.delete': 'equipment',
  'booking.create': 'booking',
  'booking.cancel': 'booking',
  'booking.approve': 'booking',
  'booking.reject': 'booking',
});

type RoomActions = { [K in keyof typeof ROOM_ACTIONS]: true };

declare module '../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends RoomActions {}
}
