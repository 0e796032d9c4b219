/**
 * The CAM policy a read-only key needs: every action of the registry that does not write. A pull-request preview and
 * a scheduled drift check (`pulumi preview`, `pulumi refresh --preview-only`) call only these; the README prints this
 * policy, and a test keeps the two equal.
 */
import { type ActionName, actions } from "./actions";
import { SERVICE } from "./constants";

/** The read actions, in the registry's order. */
export const READ_ACTIONS: readonly ActionName[] = (Object.keys(actions) as ActionName[]).filter((action) => !actions[action].writes);

/** The policy document, in CAM syntax (version 2.0). */
export function readOnlyCamPolicy() {
  return {
    version: "2.0",
    statement: [{ effect: "allow", action: READ_ACTIONS.map((action) => `${SERVICE}:${action}`), resource: ["*"] }],
  };
}
