import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json } from '../../platform/http/openapi';
import { IdParam, InboxCount, InboxPage, InboxQuery, Notification } from './inbox.schemas';
import * as service from './inbox.service';


// Any logged-in user has an inbox; the service only ever reaches the caller's own messages.
const routes = {
  list: defineRoute({
    method: 'get',
    path: '/api/inbox',
    tags: ['站内消息'],
    summary: '我的消息（可只看未读）',
    permission: null,
    request: { query: InboxQuery },
    responses: { 200: json(InboxPage, '消息列表'), ...errorResponses },
  }),
  count: defineRoute({
    method: 'get',
    path: '/api/inbox/count',
    tags: ['站内消息'],
    summary: '未读消息数',
    permission: null,
    responses: { 200: json(InboxCount, '未读数'), ...errorResponses },
  }),
  read: defineRoute({
    method: 'post',
    path: '/api/inbox/{id}/read',
    tags: ['站内消息'],
    summary: '标记为已读',
    permission: null,
    request: { params: IdParam },
    responses: { 200: json(Notification, '已读'), ...errorResponses },
  }),
  readAll: defineRoute({
    method: 'post',
    path: '/api/inbox/read-all',
    tags: ['站内消息'],
    summary: '全部标记为已读',
    permission: null,
    responses: { 200: json(InboxCount, '已全部已读'), ...errorResponses },
  }),
};

/** The in-app inbox: reminders and notices to the logged-in user. */
export function inboxRoutes() {
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await service.listInbox(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.count, async (c) => c.json(await service.countUnread(c.get('deps').database, requireActor(c)), 200))
    .openapi(routes.readAll, async (c) => c.json(await service.markAllRead(c.get('deps').database, requireActor(c)), 200))
    .openapi(routes.read, async (c) => c.json(await service.markRead(c.get('deps').database, requireActor(c), c.req.valid('param').id), 200));
}
