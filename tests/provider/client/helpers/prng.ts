/** A small seeded PRNG (mulberry32) so generated test cases are the same on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
