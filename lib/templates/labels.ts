// The few fixed words of the layouts (column headings, "Total", the letter's greeting), per language. The wording staff
// write lives in templates; these are the layout's own. A language not listed falls back to English. `{name}` and
// `{patron}` are filled in by the layout (word order differs between languages).
export type Labels = {
  title: string; author: string; barcode: string; dueDate: string; daysOverdue: string; fine: string; replacementCost: string;
  pickupBranch: string; pickupBy: string; description: string; date: string; amount: string; balance: string;
  totalDue: string; expiresOn: string; registeredOn: string; orderNumber: string; orderDate: string; isbn: string;
  quantity: string; ordered: string; received: string; outstanding: string; unitPrice: string; lineTotal: string; subtotal: string; tax: string; total: string; openingHours: string; cardNumber: string;
  greeting: string; asContact: string;
};

const en: Labels = {
  title: "Title", author: "Author", barcode: "Barcode", dueDate: "Due", daysOverdue: "Days overdue", fine: "Fine",
  replacementCost: "Replacement cost", pickupBranch: "Collect from", pickupBy: "Collect by", description: "Charge",
  date: "Date", amount: "Amount", balance: "Outstanding", totalDue: "Total outstanding", expiresOn: "Membership expires",
  registeredOn: "Registered", orderNumber: "Order", orderDate: "Date", isbn: "ISBN", quantity: "Qty", ordered: "Ordered", received: "Received", outstanding: "Still to come", unitPrice: "Unit price",
  lineTotal: "Line total", subtotal: "Subtotal", tax: "Tax", total: "Total", openingHours: "Opening hours", cardNumber: "Card number",
  greeting: "Dear {name},", asContact: "We are writing to you as a contact for {patron}.",
};

const LABELS: Record<string, Labels> = {
  en,
  fr: {
    title: "Titre", author: "Auteur", barcode: "Code-barres", dueDate: "À rendre le", daysOverdue: "Jours de retard", fine: "Amende",
    replacementCost: "Coût de remplacement", pickupBranch: "À retirer à", pickupBy: "À retirer avant le", description: "Frais",
    date: "Date", amount: "Montant", balance: "Reste dû", totalDue: "Total dû", expiresOn: "Fin d'abonnement",
    registeredOn: "Inscription", orderNumber: "Commande", orderDate: "Date", isbn: "ISBN", quantity: "Qté", ordered: "Commandé", received: "Reçu", outstanding: "À livrer", unitPrice: "Prix unitaire",
    lineTotal: "Total ligne", subtotal: "Sous-total", tax: "Taxe", total: "Total", openingHours: "Horaires", cardNumber: "Numéro de carte",
    greeting: "Bonjour {name},", asContact: "Nous vous écrivons en tant que contact de {patron}.",
  },
  cy: {
    title: "Teitl", author: "Awdur", barcode: "Cod bar", dueDate: "Dyddiad dychwelyd", daysOverdue: "Diwrnodau'n hwyr", fine: "Dirwy",
    replacementCost: "Cost newydd", pickupBranch: "Casglu o", pickupBy: "Casglu erbyn", description: "Tâl",
    date: "Dyddiad", amount: "Swm", balance: "Yn ddyledus", totalDue: "Cyfanswm yn ddyledus", expiresOn: "Aelodaeth yn dod i ben",
    registeredOn: "Cofrestrwyd", orderNumber: "Archeb", orderDate: "Dyddiad", isbn: "ISBN", quantity: "Nifer", ordered: "Archebwyd", received: "Derbyniwyd", outstanding: "I ddod", unitPrice: "Pris yr un",
    lineTotal: "Cyfanswm llinell", subtotal: "Is-gyfanswm", tax: "Treth", total: "Cyfanswm", openingHours: "Oriau agor", cardNumber: "Rhif cerdyn",
    greeting: "Annwyl {name},", asContact: "Rydym yn ysgrifennu atoch fel cyswllt ar gyfer {patron}.",
  },
};

export function labelsFor(language: string): Labels {
  return LABELS[language] ?? LABELS[language.split("-")[0]] ?? en;
}

/** A label with its `{name}`-style slots filled. */
export function fillLabel(label: string, values: Record<string, string>): string {
  return label.replace(/\{(\w+)\}/g, (slot, key: string) => values[key] ?? slot);
}

/**
 * The language a patron gets: their preferred language when the template has it (exactly, or the same primary
 * language: "fr-CA" reads "fr"), else the library's, else the first the template has.
 */
export function chooseLanguage(available: readonly string[], preferred: string | null | undefined, libraryDefault: string): string {
  const primary = (tag: string) => tag.toLowerCase().split("-")[0];
  for (const wanted of [preferred, libraryDefault]) {
    if (!wanted) continue;
    const exact = available.find((a) => a.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact;
    const sameLanguage = available.find((a) => primary(a) === primary(wanted));
    if (sameLanguage) return sameLanguage;
  }
  return available[0] ?? libraryDefault;
}

/** The letter's greeting, and for a parent or other contact the line saying whom it is about. */
export function letterGreeting(labels: Labels, context: { contact: { name: string; is_patron: boolean }; patron: { name: string } }): string {
  const greeting = fillLabel(labels.greeting, { name: context.contact.name });
  return context.contact.is_patron ? greeting : `${greeting}\n\n${fillLabel(labels.asContact, { patron: context.patron.name })}`;
}
