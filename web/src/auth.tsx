/**
 * Who is logged in. The session itself is the server's HttpOnly cookie; the page only keeps the user
 * view from /auth/me so it can show the right menu. The server still decides every action.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized } from './api.ts';
import type { Role } from '../../src/domain/access/roles.ts';
import type { CurrentUser, LoginAnswer, LoginResponse } from './types.ts';

interface Auth {
  user: CurrentUser | null;
  /** True until the first /auth/me answered. */
  checking: boolean;
  /** The user, or — for a user with a second factor — the challenge to answer with a code. */
  login(username: string, password: string): Promise<CurrentUser | { challenge: string; expiresAt: string }>;
  /** The second step: the challenge and a TOTP code (security rules §14). */
  loginTotp(challenge: string, code: string): Promise<CurrentUser>;
  /** Re-reads /auth/me (after enrolling a second factor the session opens up). */
  refresh(): Promise<void>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let alive = true;
    api.get<CurrentUser>('/auth/me')
      .then((me) => alive && setUser(me))
      .catch((err: unknown) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('auth/me failed', err);
      })
      .finally(() => alive && setChecking(false));
    onUnauthorized(() => setUser(null));
    return () => {
      alive = false;
      onUnauthorized(undefined);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<LoginAnswer>('/auth/login', { username, password });
    if ('totpRequired' in res) return { challenge: res.challenge, expiresAt: res.expiresAt };
    setUser(res.user);
    return res.user;
  }, []);

  const loginTotp = useCallback(async (challenge: string, code: string) => {
    const res = await api.post<LoginResponse>('/auth/login/totp', { challenge, code });
    setUser(res.user);
    return res.user;
  }, []);

  const refresh = useCallback(async () => {
    setUser(await api.get<CurrentUser>('/auth/me'));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
    } finally {
      setUser(null);
    }
  }, []);

  const hasRole = useCallback((...roles: Role[]) => !!user && roles.some((r) => user.roles.includes(r)), [user]);

  const value = useMemo(() => ({ user, checking, login, loginTotp, refresh, logout, hasRole }), [user, checking, login, loginTotp, refresh, logout, hasRole]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
