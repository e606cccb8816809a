/** The public API of the inbox module: the reminder message and the sender interface other channels plug into (lint: groundwork/module-boundaries). */
export { inAppSender, type ReminderMessage, type ReminderSender } from './reminder-senders';
