/** "1 class", "2 classes": the command line speaks English to IT staff. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
