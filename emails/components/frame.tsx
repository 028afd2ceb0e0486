import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// The branded frame every email shares. Inline styles: the Tailwind component costs ~10 ms a render (STACK.md).
export function Frame(props: { libraryName: string; preview: string; footer?: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: 600, margin: "24px auto", padding: 24 }}>
          <Text style={{ fontSize: 20, fontWeight: 700, color: "#1e3a8a", margin: 0 }}>{props.libraryName}</Text>
          <Section style={{ marginTop: 16 }}>{props.children}</Section>
          <Hr style={{ borderColor: "#e4e4e7", marginTop: 24 }} />
          <Text style={{ fontSize: 12, color: "#71717a" }}>{props.footer ?? props.libraryName}</Text>
        </Container>
      </Body>
    </Html>
  );
}
