import type { Channel } from "@/lib/generated/prisma/enums";

export type ChannelRules = { restrictChannels: readonly Channel[]; printOverride: boolean };
export type ContactPoint = { email: string | null; mobile: string | null };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * How a notice reaches one contact, or null when it must not be generated for them (Spydus delivery methods):
 * print override prints regardless; "email only" / "SMS only" (several may be ticked) generate only if one ticked
 * method is usable; with no restriction, email when there is a usable address, else print.
 */
export function chooseChannel(contact: ContactPoint, rules: ChannelRules): Channel | null {
  if (rules.printOverride) return "PRINT";
  const hasEmail = !!contact.email && EMAIL_RE.test(contact.email);
  const hasMobile = !!contact.mobile && contact.mobile.replace(/\D/g, "").length >= 7;
  if (rules.restrictChannels.length > 0) {
    if (rules.restrictChannels.includes("EMAIL") && hasEmail) return "EMAIL";
    if (rules.restrictChannels.includes("SMS") && hasMobile) return "SMS";
    if (rules.restrictChannels.includes("PRINT")) return "PRINT";
    return null;
  }
  return hasEmail ? "EMAIL" : "PRINT";
}
