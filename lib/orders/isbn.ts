// ISBNs are checked by isbn3 (inventaire's, MIT, kept up to date with the ISBN agency's ranges, no dependencies or
// install scripts): the check digit and the registration group, for ISBN-10 and ISBN-13 alike. Stored as ISBN-13
// without hyphens, so one book has one form whatever staff or an ILS typed.
import ISBN from "isbn3";

/** The ISBN-13 of a typed ISBN-10 or ISBN-13 (hyphens and spaces allowed), or null when it is not a valid ISBN. */
export function normaliseIsbn(typed: string): string | null {
  const parsed = ISBN.parse(typed.trim());
  return parsed?.isValid ? parsed.isbn13 : null;
}

/** An ISBN-13 hyphenated for reading: 978-0-306-40615-7. */
export function hyphenateIsbn(isbn13: string): string {
  return ISBN.hyphenate(isbn13) ?? isbn13;
}
