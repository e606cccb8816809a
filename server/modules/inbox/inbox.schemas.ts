import { z } from '@hono/zod-openapi';

export const InboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxFilters = z.infer<typeof InboxQuery>;

export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });

export const Notification = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    escalationLevel: z.number(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    isRead: z.boolean(),
  })
  .openapi('Notification');

export const InboxPage = z.object({ data: z.array(Notification), total: z.number(), unread: z.number() }).openapi('InboxPage');
export const InboxCount = z.object({ unread: z.number() }).openapi('InboxCount');
