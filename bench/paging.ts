/**
 * Emulator paging throughput on a generated organization (emulator/generate.ts): one client pages through
 * DescribeOrganizationMembers, DescribeOrganizationMemberAuthIdentities (per identity) and
 * DescribeOrganizationMembersAuthPolicy, Limit 50, for BENCH_SECONDS (default 3) each, and prints pages/s. A script, not
 * a test: numbers depend on the machine.
 *
 *   npm run build && node dist/bench/paging.js [members]       (default 1000; departments, identities, authorizations
 *                                                                and policies scale as 50, 20, 5000, 100 per 1000)
 *
 * The emulator runs on the client's thread, so `node --cpu-prof dist/bench/paging.js` profiles both.
 */
import { performance } from "node:perf_hooks";
import { generateSeed, start } from "../emulator";
import type { ActionName, RequestOf } from "../provider/api";
import { closeSharedAgent, OrganizationClient } from "../provider/client";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function main(): Promise<void> {
  const members = Number(process.argv[2] ?? 1000);
  const scale = members / 1000;
  const options = {
    members,
    departments: Math.max(1, Math.round(50 * scale)),
    identities: 20,
    authorizations: Math.round(5000 * scale),
    policies: Math.round(100 * scale),
  };
  const emulator = await start({ port: 0, rateLimits: false, seed: generateSeed(options) });
  const client = new OrganizationClient({ ...emulator.credentials, endpoint: emulator.url, pacing: false, retry: false });
  try {
    console.log(`generated organization: ${JSON.stringify(options)}`);
    const identityIds = Array.from({ length: options.identities }, (_, i) => i + 1);
    await measure(client, "DescribeOrganizationMembers", () => [{}]);
    await measure(client, "DescribeOrganizationMemberAuthIdentities", () => identityIds.map((IdentityId) => ({ IdentityId })));
    await measure(client, "DescribeOrganizationMembersAuthPolicy", () => [{}]);
  } finally {
    await emulator.stop();
    await closeSharedAgent();
  }
}

/** Pages through every filter of `filters` in turn, again and again, until the time is up. */
async function measure<A extends ActionName>(client: OrganizationClient, action: A, filters: () => object[]): Promise<void> {
  let pages = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  while (performance.now() < deadline) {
    for (const filter of filters()) {
      for (let offset = 0; ; offset += 50) {
        const answer = (await client.call(action, { ...filter, Offset: offset, Limit: 50 } as RequestOf<A>)) as unknown as { Total: number };
        pages++;
        if (offset + 50 >= answer.Total || performance.now() >= deadline) break;
      }
      if (performance.now() >= deadline) break;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  console.log(`${action}: ${(pages / elapsed).toFixed(1)} pages/s (${pages} pages in ${elapsed.toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
