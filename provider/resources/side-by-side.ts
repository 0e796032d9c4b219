/**
 * Independent writes run side by side: a MemberAuthIdentity removes its pairs one call each (the API has no batch
 * delete), and one after the other they would take a round trip each, far below the rate limit. The client's pacer
 * (../client/pacing) keeps the calls at the action's rate however many are in flight, so this only bounds how many
 * wait at once.
 */

/**
 * Runs `work` for each item, at most `limit` at once, in order of the items. On the first failure no further item
 * starts; the ones in flight finish (so what they did is known to the caller); then that failure is thrown.
 */
export async function sideBySide<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}
