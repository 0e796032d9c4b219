export * from "./actions";
export * from "./codes";
export * from "./constants";
export * from "./validate";
export * as schemas from "./schemas";
export * from "./time";
export * from "./read-only-policy";
