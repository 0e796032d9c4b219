/** Every request, response and entity schema, by its API name. */
export * from "./identities";
export * from "./members";
export * from "./organization";
export * from "./policies";
