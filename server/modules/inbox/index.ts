/** The public API of the inbox module: the reminder kit other modules declare their reminders with, and the sender interface other channels plug into (lint: groundwork/module-boundaries). */
export { departmentHeads, Directory, loadDirectory, messagesFor, responsibleLeaders, type ProjectFacts, type Recipient, type ReminderContext, type ReminderDays, type ReminderSource } from './reminder-kit';
export { inAppSender, type ReminderMessage, type ReminderSender } from './reminder-senders';
