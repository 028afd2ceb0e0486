import { NoticeEmail, previewNotice, type NoticeEmailProps } from "./notice-email";

// The account notice layout (family ACCOUNT): the staff's message, the account items, the closing, in the library's frame.
export default function AccountNoticeEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

export const PreviewProps = previewNotice("ACCOUNT", "Your library membership expires soon. Renew it at any branch or online.");
AccountNoticeEmail.PreviewProps = PreviewProps;
