/** Rooms, equipment and bookings (R3): lists, the timeline, the check before saving and the booking actions. */
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  Booking,
  BookingCheck,
  BookingPage,
  Equipment,
  EquipmentPage,
  Room,
  RoomPage,
  Timeline,
} from '@henji/contracts';
import { api, type QueryParams } from '../api/client.ts';

export const EQUIPMENT_KINDS = ['projector', 'video_terminal', 'microphone', 'screen', 'laptop', 'other'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];
export const BOOKING_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The ledger subject type of a booking. */
export const BOOKING_SUBJECT = 'booking';

export const roomKeys = {
  all: ['rooms'] as const,
  rooms: (query: QueryParams) => ['rooms', 'rooms', query] as const,
  equipment: (query: QueryParams) => ['rooms', 'equipment', query] as const,
  timeline: (from: string, to: string) => ['rooms', 'timeline', from, to] as const,
  bookings: (query: QueryParams) => ['rooms', 'bookings', query] as const,
};

export const useRooms = (query: QueryParams) =>
  useQuery({ queryKey: roomKeys.rooms(query), queryFn: () => api<RoomPage>('/api/rooms', { query }), placeholderData: keepPreviousData });

export const useEquipmentList = (query: QueryParams) =>
  useQuery({ queryKey: roomKeys.equipment(query), queryFn: () => api<EquipmentPage>('/api/equipment', { query }), placeholderData: keepPreviousData });

export const useTimeline = (from: string, to: string) =>
  useQuery({ queryKey: roomKeys.timeline(from, to), queryFn: () => api<Timeline>('/api/rooms/timeline', { query: { from, to } }), placeholderData: keepPreviousData });

export const useBookings = (query: QueryParams) =>
  useQuery({ queryKey: roomKeys.bookings(query), queryFn: () => api<BookingPage>('/api/bookings', { query }), placeholderData: keepPreviousData });

export interface RoomValues {
  name: string;
  location?: string;
  capacity: number;
  fixedEquipment?: string[];
  bookableBy?: 'everyone' | 'departments';
  departmentIds?: string[];
  approvalRequired?: boolean;
  active?: boolean;
}

export interface EquipmentValues {
  name: string;
  code: string;
  kind?: EquipmentKind;
  location?: string;
  active?: boolean;
}

export interface BookingValues {
  roomId: string;
  equipmentIds: string[];
  startsAt: string;
  endsAt: string;
  purpose: string;
  attendeeCount?: number | null;
  overrideCapacity?: boolean;
}

export const createRoom = (body: RoomValues) => api<Room>('/api/rooms', { method: 'POST', body });
export const updateRoom = (id: string, body: Partial<RoomValues>) => api<Room>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteRoom = (id: string) => api<void>(`/api/rooms/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const createEquipment = (body: EquipmentValues) => api<Equipment>('/api/equipment', { method: 'POST', body });
export const updateEquipment = (id: string, body: Partial<EquipmentValues>) => api<Equipment>(`/api/equipment/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const deleteEquipment = (id: string) => api<void>(`/api/equipment/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const checkBooking = (body: BookingValues) => api<BookingCheck>('/api/bookings/check', { method: 'POST', body });
export const createBooking = (body: BookingValues) => api<Booking>('/api/bookings', { method: 'POST', body });
export const cancelBooking = (id: string, reason?: string) => api<Booking>(`/api/bookings/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: reason ? { reason } : {} });
export const approveBooking = (id: string) => api<Booking>(`/api/bookings/${encodeURIComponent(id)}/approve`, { method: 'POST', body: {} });
export const rejectBooking = (id: string, reason: string) => api<Booking>(`/api/bookings/${encodeURIComponent(id)}/reject`, { method: 'POST', body: { reason } });

/** After any change: every room list, the timeline and the bookings. */
export const afterRoomChange = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: roomKeys.all });
