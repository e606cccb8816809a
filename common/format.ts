/** Formatting shared by browser and server; the platform's time zone is Asia/Shanghai. */
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
}

/** `2024-10-31 14:05` in Beijing time. */
export function formatDateTime(value: Date | string): string {
  const p = parts(new Date(value));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `14:05` in Beijing time. */
export function formatTime(value: Date | string): string {
  const p = parts(new Date(value));
  return `${p.hour}:${p.minute}`;
}

/** `2024年10月31日` in Beijing time. */
export function formatChineseDate(value: Date | string): string {
  const p = parts(new Date(value));
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
}

/** Today's date in Beijing, as YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
