/** Lower case, «ё» as «е», single spaces: the form student lookups compare. */
export function searchNameOf(fullName: string): string {
  return fullName.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
}
