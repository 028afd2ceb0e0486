import type { DeliveryDraft, Message, Recipient } from "./plan-types";
import { chooseChannel } from "./rules/channel";

/**
 * Turns messages into delivery documents: each contact the message's level names gets its own delivery, over the
 * channel the scenario's rules allow; messages for the same patron and contact share one document when they share a
 * separation group (or all have none).
 */
export function buildDeliveries(messages: Message[], recipientsByPatron: Map<number, Recipient[]>): DeliveryDraft[] {
  const all: DeliveryDraft[] = [];
  // One patron's messages at a time (the sort is stable, so each scenario's order holds): a patron has a handful of
  // documents, found by a scan of them rather than a map keyed by patron, contact, channel and group.
  const sorted = [...messages].sort((a, b) => a.patronId - b.patronId);
  let patronStart = 0;
  for (const message of sorted) {
    if (all.length > patronStart && all[patronStart].patronId !== message.patronId) patronStart = all.length;
    const separationGroup = message.level.separationGroup ?? message.scenario.separationGroup ?? "";
    // Stryker disable next-line ArrayDeclaration: equivalent, an element that is not a recipient names no contact kind and is skipped
    for (const recipient of recipientsByPatron.get(message.patronId) ?? []) {
      if (!message.level.contactKinds.includes(recipient.contactKind)) continue;
      const channel = chooseChannel(recipient, message.scenario);
      if (!channel) continue;
      let delivery: DeliveryDraft | undefined;
      for (let i = patronStart; i < all.length && !delivery; i++) {
        const d = all[i];
        if (d.contactKey === recipient.contactKey && d.channel === channel && d.separationGroup === separationGroup) delivery = d;
      }
      if (!delivery) {
        delivery = {
          patronId: recipient.patronId,
          contactKind: recipient.contactKind,
          contactKey: recipient.contactKey,
          contactName: recipient.contactName,
          channel,
          address: channel === "EMAIL" ? recipient.email : channel === "SMS" ? recipient.mobile : null,
          separationGroup,
          printMedia: null,
          messages: [],
        };
        all.push(delivery);
      }
      delivery.messages.push(message);
      // A printed document takes the media of its highest level (an Overdue + escalation level 3 letter goes on level
      // 3's "A4 letter"); levels naming none leave it to the others.
      if (channel === "PRINT" && message.level.printMedia && message.level.level >= (delivery.printLevel ?? 0)) {
        delivery.printMedia = message.level.printMedia;
        delivery.printLevel = message.level.level;
      }
    }
  }
  return all;
}
