import type { z } from "zod";
import type { ActionName, ResponseBodyOf, actions } from "../../provider/api";
import type { Backend } from "../backend";

/** A request after validation by the action's schema. */
export type ValidRequest<A extends ActionName> = z.output<(typeof actions)[A]["request"]>;

/** A handler turns a validated request into the action's response body (the envelope adds RequestId). */
export type Handler<A extends ActionName> = (request: ValidRequest<A>, backend: Backend) => ResponseBodyOf<A>;

export type Handlers<K extends ActionName> = { [A in K]: Handler<A> };
