// Chronos schedules: ISO 8601 repeating intervals `R[n]/<start>/<period>` as Chronos parses them
// (Iso8601Expressions: regex (R[0-9]*)/(.*)/(P.*), Joda DateTime.parse for the start,
// ISOPeriodFormat.standard for the period). An empty start means "now".

export interface Schedule {
  /** undefined: repeat forever. */
  repeat?: number;
  /** Epoch milliseconds; undefined for an empty start ("now"). */
  start?: number;
  /** Period in milliseconds, months and years counted as 30 and 365 days (for ordering only). */
  periodMs: number;
}

/** The first bad part; `index` is where it starts in the schedule text. */
export type ScheduleError = { part: 'format' | 'repeat' | 'start' | 'period'; value: string; why: string; index: number };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses a schedule; returns the parsed parts or the first bad part with the reason. */
export function parseSchedule(text: string): Schedule | ScheduleError {
  const parts = text.split('/');
  if (parts.length !== 3) return { part: 'format', value: text, why: 'must be R[n]/<start>/<period>, e.g. R/2020-12-12T17:00:00Z/PT10M', index: 0 };
  const [repeat, start, period] = parts;
  const at = { repeat: 0, start: repeat.length + 1, period: repeat.length + start.length + 2 };
  if (!/^R[0-9]*$/.test(repeat)) return { part: 'repeat', value: repeat, why: 'must be R (forever) or R followed by a count, e.g. R5', index: at.repeat };
  const startMs = start === '' ? undefined : parseStart(start);
  if (startMs === null) return { part: 'start', value: start, why: 'is not an ISO 8601 date and time such as 2020-12-12T17:00:00Z', index: at.start };
  if (startMs !== undefined && startMs < 0) return { part: 'start', value: start, why: 'is before 1970, which Chronos refuses', index: at.start };
  const periodMs = parsePeriod(period);
  if (periodMs === undefined) return { part: 'period', value: period, why: 'is not an ISO 8601 period such as PT10M, PT24H or P1D', index: at.period };
  if (periodMs <= 0) return { part: 'period', value: period, why: 'must be longer than zero', index: at.period };
  return { repeat: repeat === 'R' ? undefined : Number(repeat.slice(1)), start: startMs, periodMs };
}

export function isScheduleError(s: Schedule | ScheduleError): s is ScheduleError {
  return 'why' in s;
}

// null: not a valid date-time. Checks the calendar (no 2020-02-30) and clock ranges.
function parseStart(text: string): number | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', , zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + (zone.length > 3 ? Number(zone.slice(-2)) : 0));
  return Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
}

function parsePeriod(text: string): number | undefined {
  const m = PERIOD.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const day = 86_400_000;
  return y * 365 * day + mo * 30 * day + w * 7 * day + d * day + h * 3_600_000 + mi * 60_000 + s * 1000;
}
