import { Body, Container, Head, Hr, Html, Img, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// The library's branding, from LibrarySettings: every email and print form shares it.
export type Brand = {
  name: string;
  logoUrl: string | null;
  color: string;
  address: string | null;
  openingHours: string | null;
  footer: string | null;
  // The frame's texts in other languages, by language tag (LibrarySettings.frameTranslations); the three above are the
  // library's default language.
  translations?: Record<string, FrameTexts>;
};

export type FrameTexts = { address?: string | null; openingHours?: string | null; footer?: string | null };

/**
 * The brand as a letter in `language` shows it: that language's address, opening hours and footer when the library has them
 * (exactly, or the same primary language: "cy-GB" reads "cy"), else the default ones.
 */
export function brandIn(brand: Brand, language: string | undefined): Brand {
  const translations = brand.translations;
  if (!translations || !language) return brand;
  const tags = Object.keys(translations);
  const primary = (tag: string) => tag.toLowerCase().split("-")[0];
  const tag = tags.find((t) => t.toLowerCase() === language.toLowerCase()) ?? tags.find((t) => primary(t) === primary(language));
  if (!tag) return brand;
  const texts = translations[tag];
  return { ...brand, address: texts.address || brand.address, openingHours: texts.openingHours || brand.openingHours, footer: texts.footer || brand.footer };
}

export const SAMPLE_BRAND: Brand = {
  name: "Riverside Public Library",
  logoUrl: null,
  color: "#1e3a8a",
  address: "1 Library Square, Riverside RV1 1AA",
  openingHours: "Mon-Fri 9:00-19:00, Sat 10:00-16:00",
  footer: "You receive this because you have a library card. Questions? Reply to this email or call 01632 960000.",
};

/** The library's name (or logo), its address and opening hours, and the footer, for web and print alike. */
export function BrandHeader({ brand }: { brand: Brand }) {
  return brand.logoUrl ? (
    <Img src={brand.logoUrl} alt={brand.name} height={48} style={{ margin: 0 }} />
  ) : (
    <Text style={{ fontSize: 20, fontWeight: 700, color: brand.color, margin: 0 }}>{brand.name}</Text>
  );
}

export function BrandFooter({ brand, openingHoursLabel }: { brand: Brand; openingHoursLabel: string }) {
  const muted = { fontSize: 12, color: "#71717a", margin: "4px 0" } as const;
  return (
    <>
      <Hr style={{ borderColor: "#e4e4e7", marginTop: 24 }} />
      <Text style={muted}>{[brand.name, brand.address].filter(Boolean).join(" · ")}</Text>
      {brand.openingHours ? <Text style={muted}>{openingHoursLabel}: {brand.openingHours}</Text> : null}
      {brand.footer ? <Text style={muted}>{brand.footer}</Text> : null}
    </>
  );
}

// Inline styles only: the Tailwind component costs ~10 ms a render (STACK.md), and notices render hundreds a second.
export function Frame(props: { brand: Brand; preview: string; lang?: string; openingHoursLabel?: string; children: ReactNode }) {
  const brand = brandIn(props.brand, props.lang);
  return (
    <Html lang={props.lang ?? "en"}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container style={{ backgroundColor: "#ffffff", maxWidth: 600, margin: "24px auto", padding: 24, borderTop: `4px solid ${brand.color}` }}>
          <BrandHeader brand={brand} />
          <Section style={{ marginTop: 16 }}>{props.children}</Section>
          <BrandFooter brand={brand} openingHoursLabel={props.openingHoursLabel ?? "Opening hours"} />
        </Container>
      </Body>
    </Html>
  );
}
