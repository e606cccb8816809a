import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../../common/permissions';
import { api, isApiError, setClientHandlers, setCsrfToken } from '../api/client';
import type { LoginAnswer, Me } from '../api/types';

export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';

interface SessionValue {
  /** The logged-in user, or null when there is no session. */
  me: Me | null;
  /** True until the first `/api/me` probe has answered. */
  isLoading: boolean;
  /** Whether the user holds a permission, by the server's own list. */
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Reloads `/api/me`; returns null when the session is gone. */
  refresh: () => Promise<Me | null>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Holds the session: probes `/api/me`, and sends the user to login when the server ends it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const locationRef = useRef(location);
  useEffect(() => {
    locationRef.current = location;
  }, [location]);
  const isExpiringRef = useRef(false);

  const adopt = useCallback((user: Me | null, csrfToken?: string | null) => {
    setCsrfToken(csrfToken ?? user?.csrfToken ?? null);
    setMe(user);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const user = await api<Me>('/api/me', { isSessionProbe: true });
      adopt(user);
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        adopt(null);
        return null;
      }
      throw error;
    }
  }, [adopt]);

  useEffect(() => {
    refresh()
      .catch((error: unknown) => {
        message.error(isApiError(error) ? error.message : '无法读取登录状态');
      })
      .finally(() => setIsLoading(false));
  }, [refresh, message]);

  useEffect(() => {
    setClientHandlers({
      onUnauthenticated: () => {
        adopt(null);
        const current = locationRef.current;
        if (current.pathname === LOGIN_PATH || isExpiringRef.current) return;
        isExpiringRef.current = true;
        message.warning('登录已超时，请重新登录');
        navigate(LOGIN_PATH, { replace: true, state: { from: current.pathname + current.search } });
        window.setTimeout(() => {
          isExpiringRef.current = false;
        }, 1000);
      },
      onPasswordChangeRequired: () => {
        setMe((current) => (current ? { ...current, mustChangePassword: true } : current));
        if (locationRef.current.pathname !== CHANGE_PASSWORD_PATH) navigate(CHANGE_PASSWORD_PATH, { replace: true });
      },
    });
    return () => setClientHandlers(null);
  }, [adopt, navigate, message]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api<LoginAnswer>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
        isSessionProbe: true,
      });
      adopt(answer.user, answer.csrfToken);
      return answer.user;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api<void>('/api/auth/logout', { method: 'POST', isSessionProbe: true });
    } catch {
      // The session may already be gone on the server; leaving is what the user asked for.
    }
    adopt(null);
    navigate(LOGIN_PATH, { replace: true });
  }, [adopt, navigate]);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      isLoading,
      can: (permission) => Boolean(me?.permissions.includes(permission)),
      login,
      logout,
      refresh,
    }),
    [me, isLoading, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; only inside SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}
