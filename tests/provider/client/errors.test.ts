/** The error classes and the helpers callers branch on. */
import {
  ConfigurationError,
  isApiError,
  isNotFound,
  isTransportError,
  isUnknownOutcome,
  PaginationError,
  RequestValidationError,
  TencentCloudApiError,
  TransportError,
} from "../../../provider/client";

const apiError = (code: string) => new TencentCloudApiError("DeleteOrganizationMembersPolicy", code, "api says no", "req-9");

describe("TencentCloudApiError", () => {
  it("names action, code, API message and RequestId in its message", () => {
    const error = new TencentCloudApiError("CreateOrganizationMembersPolicy", "FailedOperation.MemberPolicyNameExist", "name exists", "req-1");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("TencentCloudApiError");
    expect(error.message).toBe(
      "CreateOrganizationMembersPolicy failed: FailedOperation.MemberPolicyNameExist: name exists (RequestId: req-1)",
    );
    expect(error.attempts).toBe(1);
  });
});

describe("isApiError", () => {
  it.each([
    ["ResourceNotFound.MemberPolicyNotExist", "ResourceNotFound", true],
    ["ResourceNotFound.MemberPolicyNotExist", "ResourceNotFound.", true],
    ["ResourceNotFound", "ResourceNotFound", true],
    ["ResourceNotFoundish", "ResourceNotFound", false],
    ["FailedOperation.DeletePolicy", "ResourceNotFound", false],
    ["FailedOperation.DeletePolicy", undefined, true],
  ])("%s with prefix %s → %s", (code, prefix, expected) => {
    expect(isApiError(apiError(code), prefix)).toBe(expected);
  });

  it("recognises an error from another copy of this module by its shape", () => {
    const foreign = Object.assign(new Error("x"), { name: "TencentCloudApiError", action: "A", code: "ResourceNotFound.X" });
    expect(isApiError(foreign)).toBe(true);
    expect(isNotFound(foreign)).toBe(true);
  });

  it("is false for everything else", () => {
    expect(isApiError(new TransportError("A", "reset", "gone"))).toBe(false);
    expect(isApiError(new Error("ResourceNotFound"))).toBe(false);
    expect(isApiError(undefined)).toBe(false);
    expect(isNotFound("ResourceNotFound.X")).toBe(false);
  });
});

describe("TransportError", () => {
  it("is distinguishable from API errors and keeps its cause", () => {
    const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const error = new TransportError("DescribeOrganization", "reset", "other side closed", { cause });
    expect(error.name).toBe("TransportError");
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("DescribeOrganization failed: transport reset: other side closed");
    expect(isTransportError(error)).toBe(true);
    expect(isTransportError(error, "reset")).toBe(true);
    expect(isTransportError(error, "timeout")).toBe(false);
    expect(isApiError(error)).toBe(false);
  });
});

describe("isUnknownOutcome", () => {
  it.each([
    ["InternalError", apiError("InternalError"), true],
    ["ServiceUnavailable", apiError("ServiceUnavailable"), true],
    ["a business error", apiError("FailedOperation.DeletePolicy"), false],
    ["RequestLimitExceeded", apiError("RequestLimitExceeded"), false],
    ["reset", new TransportError("A", "reset", ""), true],
    ["timeout", new TransportError("A", "timeout", ""), true],
    ["bad-response", new TransportError("A", "bad-response", ""), true],
    ["HTTP 502", new TransportError("A", "http-status", "", { httpStatus: 502 }), true],
    ["HTTP 429", new TransportError("A", "http-status", "", { httpStatus: 429 }), false],
    ["HTTP 404", new TransportError("A", "http-status", "", { httpStatus: 404 }), false],
    ["connect", new TransportError("A", "connect", ""), false],
    ["invalid-request", new TransportError("A", "invalid-request", ""), false],
    ["validation", new RequestValidationError("A", "Name", "MissingParameter", "Name is required"), false],
  ])("%s → %s", (_name, error, expected) => {
    expect(isUnknownOutcome(error)).toBe(expected);
  });
});

describe("the other errors", () => {
  it("RequestValidationError names action, field and code", () => {
    const error = new RequestValidationError("UpdateOrganizationMember", "Name", "InvalidParameterValue", "Name is too long");
    expect(error).toMatchObject({ name: "RequestValidationError", field: "Name", code: "InvalidParameterValue" });
    expect(error.message).toBe("UpdateOrganizationMember request is invalid (InvalidParameterValue): Name is too long");
  });

  it("ConfigurationError and PaginationError say what to do and where", () => {
    expect(new ConfigurationError("set X", ["X"])).toMatchObject({ name: "ConfigurationError", variables: ["X"] });
    expect(new PaginationError("ListOrganizationIdentity", 50, "Total changed").message).toBe(
      "ListOrganizationIdentity paging is inconsistent at Offset 50: Total changed",
    );
  });
});
