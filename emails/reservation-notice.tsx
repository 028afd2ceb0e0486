import { NoticeEmail, previewNotice, type NoticeEmailProps } from "./notice-email";

// The reservation notice layout (family RESERVATION): the staff's message, the reservation items, the closing, in the library's frame.
export default function ReservationNoticeEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

export const PreviewProps = previewNotice("RESERVATION", "The item you reserved is ready. Please collect it by the date shown.");
ReservationNoticeEmail.PreviewProps = PreviewProps;
