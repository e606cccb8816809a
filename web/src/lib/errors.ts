/** Turning a failed API call into the sentence a county clerk reads. */
import { isApiError } from '../api/client';

/** The Chinese message of an API error, or `fallback` for anything else. */
export function errorText(error: unknown, fallback: string): string {
  if (isApiError(error, 'VERSION_CONFLICT')) return '该记录已被他人修改，已为您刷新为最新数据，请核对后重新操作';
  return isApiError(error) ? error.message : fallback;
}

/** Whether a write failed because someone changed the record first (the page reloads it). */
export function isVersionConflict(error: unknown): boolean {
  return isApiError(error, 'VERSION_CONFLICT');
}

/** Starts a browser download of `url` (an API file answer) without leaving the page. */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
