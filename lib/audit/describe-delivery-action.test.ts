import { describe, expect, it } from "vitest";
import { describeDeliveryAction } from "./describe-delivery-action";

describe("describeDeliveryAction", () => {
  it("words each delivery action in plain lines, with the reason last", () => {
    expect(describeDeliveryAction("delivery.resend", { resendId: 41, address: "ada@example.net", messageId: "<delivery-41@lib.example>", reason: "lost it" }))
      .toEqual(["Resent as delivery #41 to ada@example.net", "New Message-ID <delivery-41@lib.example>", "Reason: lost it"]);
    expect(describeDeliveryAction("delivery.cancel", { was: "QUEUED", reason: "moved away" }))
      .toEqual(["Cancelled before sending (it was queued)", "Reason: moved away"]);
    expect(describeDeliveryAction("delivery.settle-sent", { chargesPosted: ["NOTICE 1.25"], reason: "patron has it" }))
      .toEqual(["Unknown outcome settled as sent", "Processing charge posted: NOTICE 1.25", "Reason: patron has it"]);
    expect(describeDeliveryAction("delivery.settle-sent", { chargesPosted: [], reason: "ok" })[1]).toBe("No processing charge to post");
    expect(describeDeliveryAction("delivery.retry", { address: "new@example.net", previousAddress: "old@example.net" }))
      .toEqual(["Sent again to new@example.net (was old@example.net)"]);
    expect(describeDeliveryAction("delivery.retry", { address: "same@example.net", previousAddress: "same@example.net" }))
      .toEqual(["Sent again to same@example.net"]);
  });
});
