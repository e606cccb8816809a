import { useCallback, useEffect, useState } from 'react';
import { api } from './client';
import type { Page } from './client';
import type { Division, Unit, User } from './types';

const PAGE_SIZE = 100;
const MAX_PAGES = 50;

/** Reads every page of a list endpoint, for pickers and lookups. */
export async function fetchAllPages<T>(path: string, query: Record<string, string | number> = {}): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await api<Page<T>>(path, { query: { ...query, page, pageSize: PAGE_SIZE } });
    rows.push(...answer.data);
    if (answer.data.length < PAGE_SIZE || rows.length >= answer.total) break;
  }
  return rows;
}

function useList<T>(load: () => Promise<T[]>, isEnabled: boolean) {
  const [rows, setRows] = useState<T[]>([]);
  const reload = useCallback(async () => {
    if (!isEnabled) return;
    try {
      setRows(await load());
    } catch {
      // A lookup list is a convenience; the page's own request reports errors.
    }
  }, [load, isEnabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { rows, reload };
}

const loadUnits = () => fetchAllPages<Unit>('/api/units');
const loadUsers = () => fetchAllPages<User>('/api/users');
const loadDivisions = async () => (await api<{ data: Division[] }>('/api/divisions')).data;

/** Every unit the caller can see, for parent pickers and name lookups. */
export function useAllUnits(isEnabled = true) {
  const { rows, reload } = useList(loadUnits, isEnabled);
  return { units: rows, reloadUnits: reload };
}

/** Every user the caller can see, for the audit log's actor picker. */
export function useAllUsers(isEnabled = true) {
  const { rows, reload } = useList(loadUsers, isEnabled);
  return { users: rows, reloadUsers: reload };
}

/** The administrative divisions the caller can see. */
export function useDivisions(isEnabled = true) {
  const { rows } = useList(loadDivisions, isEnabled);
  return rows;
}
