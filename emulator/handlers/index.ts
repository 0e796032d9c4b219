/**
 * Every action's handler, one per entry of provider/api/actions.ts: the type requires the set to be complete, and each
 * handler's request and response types come from the action's schemas. Every Describe/List handler filters its items
 * through `listing.visible` before paging (the listing lag, backend/lag.ts).
 */
import type { ActionName } from "../../provider/api";
import { identityHandlers } from "./identities";
import { memberHandlers } from "./members";
import { organizationHandlers } from "./organization";
import { policyHandlers } from "./policies";
import type { Handler, Handlers } from "./types";

export const handlers: Handlers<ActionName> = {
  ...organizationHandlers,
  ...memberHandlers,
  ...policyHandlers,
  ...identityHandlers,
};

/** The handler of an action, typed loosely for the dispatcher, which has validated the request with the same schema. */
export function handlerOf(action: ActionName): Handler<ActionName> {
  return handlers[action] as Handler<ActionName>;
}
