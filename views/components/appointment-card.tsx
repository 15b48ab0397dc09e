import type { AppointmentSummary } from '../models.ts';
import { DateTimeText } from './date-text.tsx';

const STATUS_TEXT: Record<AppointmentSummary['status'], string> = {
  booked: 'Booked',
  completed: 'Completed',
  cancelled: 'Canceled',
  'no-show': 'Missed',
};

/**
 * Shows one appointment: when, what kind, with whom, where and its status in words.
 *
 *     <div class="card"><h3>March 4, 2025 at 2:30 PM CST</h3><p>Office visit ...</p></div>
 */
export function AppointmentCard({
  appointment,
  timeZone,
}: {
  appointment: AppointmentSummary;
  timeZone: string;
}) {
  return (
    <div class="card">
      <h3>
        <DateTimeText value={appointment.startsAt} timeZone={timeZone} />
      </h3>
      <p>
        {appointment.kindLabel}, {appointment.durationMinutes} minutes
      </p>
      {appointment.reason && <p>Reason: {appointment.reason}</p>}
      {appointment.clinician && <p>With {appointment.clinician}</p>}
      <p>At {appointment.location}</p>
      <p>Status: {STATUS_TEXT[appointment.status]}</p>
    </div>
  );
}
