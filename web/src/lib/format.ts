import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The platform's time zone (SPEC §11): every time is shown as Beijing time. */
export const TIME_ZONE = 'Asia/Shanghai';

/** Formats an ISO timestamp as Beijing time, or「—」when empty. */
export function formatDateTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.tz(TIME_ZONE).format(pattern) : '—';
}

/** Whether a lock time still lies in the future. */
export function isLockedNow(lockedUntil: string | null | undefined): boolean {
  return Boolean(lockedUntil && dayjs(lockedUntil).isAfter(dayjs()));
}

/** Greeting for the hour of the day in Beijing. */
export function greetingForNow(): string {
  const hour = dayjs().tz(TIME_ZONE).hour();
  if (hour < 6) return '夜深了';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export { dayjs };
