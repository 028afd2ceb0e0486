/** The From of library mail: the library's sender address under its sender name (else its name), or the fallback. */
export function mailFrom(library: { name: string; senderName: string | null; senderAddress: string } | null, fallback: string) {
  return library?.senderAddress ? { name: library.senderName ?? library.name, address: library.senderAddress } : fallback;
}
