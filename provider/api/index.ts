export * from "./actions";
export * from "./constants";
export * from "./validate";
export * as schemas from "./schemas";
export * from "./time";
