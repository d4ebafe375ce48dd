/** Split "0427-1234567、0427-7654321；…" into separate numbers. */
export function splitPhones(text: string): string[] {
  return text
    .split(/[,，;；、/\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
