/**
 * The inbox's shared state between the header bell and the /inbox page: marking read on one side
 * refreshes the count on the other, without a store.
 */
import { api } from './api.ts';
import type { InboxItem } from './types.ts';

const EVENT = 'gdx:inbox-changed';

export function inboxChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onInboxChanged(handler: () => void): () => void {
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}

/** Marks one notification read (unless it already is) and tells the bell. */
export async function markRead(item: Pick<InboxItem, 'id' | 'readAt'>): Promise<void> {
  if (item.readAt) return;
  await api.post(`/inbox/${item.id}/read`);
  inboxChanged();
}

export async function markAllRead(): Promise<number> {
  const r = await api.post<{ marked: number }>('/inbox/read-all');
  inboxChanged();
  return r.marked;
}

/** Notifications carry app paths (/requests/…); anything else is not followed. */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
