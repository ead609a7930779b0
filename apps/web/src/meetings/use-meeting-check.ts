/**
 * What saving would say, asked of the server (POST /api/meetings/check, which writes nothing) a moment after the form
 * stops changing: conflicts of the room and equipment per occurrence with free slots, field errors and the warnings
 * the organiser may override. Chair and recorder not chosen yet are asked about as the organiser, so the room and time
 * are checked from the first moment they are known.
 */
import { useEffect, useState } from 'react';
import type { MeetingCheck, MeetingCheckInput } from '@henji/contracts';
import type { z } from 'zod';
import { checkMeeting } from './api.ts';
import { meetingFields, recurrenceOf, type MeetingFormValues } from './form-values.ts';

const DEBOUNCE_MS = 300;

export function checkInput(values: Partial<MeetingFormValues> | undefined, excludedUserIds: string[], meId: string, exceptMeetingId: string | undefined): z.input<typeof MeetingCheckInput> | null {
  if (!values?.date || !values.start || !values.end || !values.kind) return null;
  const complete = values as MeetingFormValues;
  const fields = meetingFields(complete, excludedUserIds);
  return {
    ...fields,
    topic: fields.topic || '—',
    chairId: fields.chairId || meId,
    recorderId: fields.recorderId || meId,
    // Rows still being typed (no minutes yet) would fail the request's own validation; the form checks them itself.
    agenda: fields.agenda?.filter((item) => item.plannedMinutes >= 1),
    // An edit checks the occurrence being changed: the series' other meetings hold bookings of their own, which the
    // check would otherwise report as conflicts of the rule.
    recurrence: exceptMeetingId ? null : recurrenceOf(complete),
    sendNotice: false,
    ...(exceptMeetingId ? { exceptMeetingId } : {}),
  };
}

export function useMeetingCheck(request: z.input<typeof MeetingCheckInput> | null) {
  const [check, setCheck] = useState<MeetingCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const key = request ? JSON.stringify(request) : '';

  useEffect(() => {
    if (!request) {
      setCheck(null);
      return;
    }
    const abort = new AbortController();
    setChecking(true);
    const timer = setTimeout(() => {
      checkMeeting(request, abort.signal)
        .then((result) => {
          setCheck(result);
          setFailed(null);
        })
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          setCheck(null);
          setFailed(error);
        })
        .finally(() => !abort.signal.aborted && setChecking(false));
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
    // The check depends on the request's content, not on the object's identity.
  }, [key]);

  return { check, checking, failed };
}
