import { Text } from "@react-email/components";
import { Frame, SAMPLE_BRAND, type Brand } from "./components/frame";

export type TestEmailProps = { brand: Brand; staffName: string; sentAt: string; smtpHost: string };

// Sent by "Send me a test email": proves the SMTP settings deliver, before any notice depends on them.
export function TestEmail(props: TestEmailProps) {
  return (
    <Frame brand={props.brand} preview="Noticeboard can send email">
      <Text>Hello {props.staffName},</Text>
      <Text>
        This is a test message from Noticeboard, sent at {props.sentAt} through {props.smtpHost}. If you can read it,
        notices will reach patrons the same way.
      </Text>
    </Frame>
  );
}

export const PreviewProps: TestEmailProps = {
  brand: SAMPLE_BRAND,
  staffName: "Ada Admin",
  sentAt: "2026-11-27 09:00",
  smtpHost: "127.0.0.1:1025",
};

// React Email's preview server reads PreviewProps from the component.
TestEmail.PreviewProps = PreviewProps;
export default TestEmail;
