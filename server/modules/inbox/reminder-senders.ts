import type { Database } from '../../platform/db/client';
import type { ReminderKind } from '../catalog';
import { notifications } from './inbox.tables';

/** One reminder to one user, whatever the channel. */
export interface ReminderMessage {
  /** The recipient's division (where the in-app message is kept). */
  divisionCode: string;
  userId: string;
  kind: ReminderKind;
  title: string;
  body: string;
  link: string | null;
  /** Same key, same user → delivered once only. */
  dedupeKey: string;
  /** 0 the owner, 1 the department, 2 the responsible leader. */
  escalationLevel: number;
}

// Reminder kinds are declared by the modules that send them (their catalogs' `reminderKinds`).
export { REMINDER_KINDS, REMINDER_KIND_LABELS, type ReminderKind } from '../catalog';

/** A way of delivering reminders: the in-app inbox now; SMS and e-mail plug in behind the same interface. */
export interface ReminderSender {
  channel: 'in_app' | 'sms' | 'email';
  send(message: ReminderMessage): Promise<void>;
}

/** The in-app inbox: writes the notification; a repeated dedupe key is ignored by the unique key. */
export function inAppSender(database: Database): ReminderSender {
  return {
    channel: 'in_app',
    async send(message) {
      await database.db
        .insert(notifications)
        .values({
          divisionCode: message.divisionCode,
          userId: message.userId,
          kind: message.kind,
          title: message.title,
          body: message.body,
          link: message.link,
          dedupeKey: message.dedupeKey,
          escalationLevel: message.escalationLevel,
        })
        .onConflictDoNothing();
    },
  };
}

/**
 * The SMS gateway a county contracts (e.g. the 政务短信平台). Not implemented here: there
 * is no gateway to call, and the platform never pretends to have sent a text.
 */
export interface SmsGateway {
  sendText(phone: string, text: string): Promise<void>;
}

/**
 * SMS adapter, NOT registered by default. To enable it, implement `SmsGateway` for the
 * county's gateway and pass `smsSender(gateway, phoneOf)` in `senders` of `runReminders`
 * (after `inAppSender`, which keeps the record and the dedupe). `phoneOf` reads `users.phone`.
 */
export function smsSender(gateway: SmsGateway, phoneOf: (userId: string) => Promise<string | null>): ReminderSender {
  return {
    channel: 'sms',
    async send(message) {
      const phone = await phoneOf(message.userId);
      if (!phone) return;
      await gateway.sendText(phone, `【项目管理平台】${message.title}：${message.body}`);
    },
  };
}

/** A mail transport (SMTP relay of the government network). Not implemented here, like SmsGateway. */
export interface MailTransport {
  sendMail(mail: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * E-mail adapter, NOT registered by default. Users carry no e-mail address yet, so
 * `addressOf` must be supplied by whoever adds one; until then the adapter is unused.
 */
export function emailSender(transport: MailTransport, addressOf: (userId: string) => Promise<string | null>): ReminderSender {
  return {
    channel: 'email',
    async send(message) {
      const to = await addressOf(message.userId);
      if (!to) return;
      await transport.sendMail({ to, subject: message.title, text: message.body });
    },
  };
}
