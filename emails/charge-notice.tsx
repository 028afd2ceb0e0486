import { NoticeEmail, previewNotice, type NoticeEmailProps } from "./notice-email";

// The charge notice layout (family CHARGE): the staff's message, the charge items, the closing, in the library's frame.
export default function ChargeNoticeEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

export const PreviewProps = previewNotice("CHARGE", "These charges on your account are still unpaid.");
ChargeNoticeEmail.PreviewProps = PreviewProps;
