/** getNodes against the in-process emulator. */
import { SEED_IDS } from "../../../emulator";
import { getNodes, getNodesOutput } from "../../../provider/lookups";
import { emulatedOrganization, valueOf } from "./emulated";

const { emulator } = emulatedOrganization();

describe("getNodes", () => {
  it("lists every department with its parent, and names the root", async () => {
    const { nodes, rootNodeId } = await getNodes();
    expect(nodes.length).toBe(emulator().control.snapshot().nodes.length);
    expect(rootNodeId).toBe(SEED_IDS.rootNodeId);
    expect(nodes.find((node) => node.nodeId === SEED_IDS.departmentNodeId)).toMatchObject({
      name: "Engineering",
      parentNodeId: SEED_IDS.rootNodeId,
    });
    expect(nodes.find((node) => node.nodeId === SEED_IDS.rootNodeId)?.parentNodeId).toBeUndefined();
    expect((await valueOf(getNodesOutput())).rootNodeId).toBe(SEED_IDS.rootNodeId);
  });
});
