import type { DeliveryDraft, Message, Recipient } from "./plan-types";
import { chooseChannel } from "./rules/channel";

/**
 * Turns messages into delivery documents: each contact the message's level names gets its own delivery, over the
 * channel the scenario's rules allow; messages for the same patron and contact share one document when they share a
 * separation group (or all have none).
 */
export function buildDeliveries(messages: Message[], recipientsByPatron: Map<number, Recipient[]>): DeliveryDraft[] {
  const byKey = new Map<string, DeliveryDraft>();
  for (const message of messages) {
    const recipients = recipientsByPatron.get(message.patronId) ?? [];
    const separationGroup = message.level.separationGroup ?? message.scenario.separationGroup ?? "";
    for (const recipient of recipients) {
      if (!message.level.contactKinds.includes(recipient.contactKind)) continue;
      const channel = chooseChannel(recipient, message.scenario);
      if (!channel) continue;
      const key = `${recipient.patronId}|${recipient.contactKey}|${channel}|${separationGroup}`;
      let delivery = byKey.get(key);
      if (!delivery) {
        delivery = {
          patronId: recipient.patronId,
          contactKind: recipient.contactKind,
          contactKey: recipient.contactKey,
          contactName: recipient.contactName,
          channel,
          address: channel === "EMAIL" ? recipient.email : channel === "SMS" ? recipient.mobile : null,
          separationGroup,
          printMedia: channel === "PRINT" ? message.level.printMedia : null,
          messages: [],
        };
        byKey.set(key, delivery);
      }
      delivery.messages.push(message);
    }
  }
  return [...byKey.values()];
}
