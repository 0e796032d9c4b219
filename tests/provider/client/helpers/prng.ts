/** The emulator's seeded PRNG, so generated test cases are the same on every run. */
export { mulberry32 } from "../../../../emulator/generate";

export class Generator {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  string(alphabet: string, min: number, max: number): string {
    const chars = [...alphabet];
    return Array.from({ length: this.int(min, max) }, () => this.pick(chars)).join("");
  }
}

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Letters, digits, CJK, emoji, accents, quotes, backslashes, control characters. */
export const UNICODE_TEXT = `${ALNUM} 未命名组织成员访问策略é ü ñ 😀🚀 "\\/\n\t\u0001`;
