import type { HolidayName, WorkCalendarEntryKind } from '@yss/contracts';
import type { ColumnType, Generated } from 'kysely';

/** Tables owned by the work-calendar module (migrations/0070_work-calendar.sql). */
export interface WorkCalendarTables {
  work_calendar_days: {
    /** Written as 'yyyy-mm-dd'; read back with to_char (drivers would parse a `date` in the server's zone). */
    local_date: string;
    kind: WorkCalendarEntryKind;
    holiday_name: HolidayName;
    statutory: boolean;
    note: string | null;
    source: 'notice' | 'operator';
    updated_by: string | null;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
  work_calendar_seeded_years: {
    year: number;
    seeded_at: Generated<Date>;
    /** Seeded from the law alone, awaiting the year's notice (migrations/0078). */
    provisional: Generated<boolean>;
  };
  work_calendar_state: { id: number; version: number };
}
