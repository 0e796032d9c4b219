/**
 * Field schemas reused across actions. Each carries the documented constraint once, so the emulator rejects, and the
 * resources' check reports, exactly what the API documents.
 */
import { z } from "zod";
import { MAX_PAGE_SIZE, MAX_TAGS, PERMISSIONS } from "./constants";

/** Account UINs are integers (up to 12 digits in practice, safely inside 2^53). */
export const uin = z.int().positive();

/** Member and account names: at most 25 characters of letters, digits, CJK and `+ @ & . _ [ ] - : ,`. */
export const memberName = z
  .string()
  .min(1)
  .max(25)
  .regex(/^[A-Za-z0-9\p{Script=Han}+@&._[\]\-:,]+$/u, {
    error: "may contain only letters, digits, Chinese characters and + @ & . _ [ ] - : ,",
  });

export const remark = z.string().max(40);

/** Department (node) names: 1 to 40 characters of letters, digits, CJK and `+ @ & . _ [ ] -` (AddOrganizationNode). */
export const nodeName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9\p{Script=Han}+@&._[\]-]+$/u, {
    error: "may contain only letters, digits, Chinese characters and + @ & . _ [ ] -",
  });

/** A custom identity's policy: 1 custom (PolicyDocument), 2 preset (PolicyId and PolicyName). The API's default is 2. */
export const identityPolicyType = z.union([z.literal(1), z.literal(2)]);

/** Policy names: 1 to 128 characters of letters, digits and `+ = , . @ _ -`. */
export const policyName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9+=,.@_-]+$/, { error: "may contain only letters, digits and + = , . @ _ -" });

export const policyDescription = z.string().max(128);

export const identityId = z.int().positive();
export const policyId = z.int().positive();
export const nodeId = z.int().positive();

export const policyType = z.enum(["Financial"]);
const knownPermissionIds = Object.keys(PERMISSIONS).map(Number);
export const permissionId = z
  .int()
  .refine((id) => knownPermissionIds.includes(id), { error: `must be one of ${knownPermissionIds.join(", ")}` });
export const isAllowQuit = z.enum(["Allow", "Denied"]);
/** PayUin travels as a string of digits. */
export const payUin = z.string().regex(/^[0-9]{1,20}$/, { error: "must be a UIN (digits only)" });
export const lang = z.enum(["en", "zh"]);
/** How a member joined: invited, or created by the organization. */
export const memberType = z.enum(["Invite", "Create"]);
/** 1: preset identity, 2: custom identity. */
export const identityType = z.union([z.literal(1), z.literal(2)]);
/** A member's authorization for an identity: 1 configured, 2 needs reconfiguring. */
export const authorizationStatus = z.union([z.literal(1), z.literal(2)]);

export const tag = z.strictObject({ TagKey: z.string().min(1).max(255), TagValue: z.string().max(255) });
export const tags = z.array(tag).max(MAX_TAGS);

/** Offset/Limit paging as every Describe/List action takes it: Offset must be a multiple of Limit. */
export const pagingShape = {
  Offset: z.int().min(0),
  Limit: z.int().min(1).max(MAX_PAGE_SIZE),
};

/** Adds the Offset-multiple-of-Limit rule to a request schema that includes pagingShape. */
export const offsetMultipleOfLimit = offsetMultipleOfLimitAnswering("InvalidParameterValue");

/**
 * Paging whose violations (Offset below 0, Limit outside 1..50, Offset not a multiple of Limit) all answer `apiCode`.
 * DescribeOrganizationMemberAuthIdentities documents only InvalidParameter for its parameters (seed 003), so its
 * paging answers that; the other paged actions keep InvalidParameterValue (a common code) for now.
 */
export function pagingShapeAnswering(apiCode: string) {
  return {
    Offset: z.int().refine((offset) => offset >= 0, { error: "must be at least 0", params: { apiCode } }),
    Limit: z
      .int()
      .refine((limit) => limit >= 1 && limit <= MAX_PAGE_SIZE, { error: `must be between 1 and ${MAX_PAGE_SIZE}`, params: { apiCode } }),
  };
}

export function offsetMultipleOfLimitAnswering(apiCode: string) {
  return (value: { Offset: number; Limit: number }, ctx: z.RefinementCtx): void => {
    if (value.Offset % value.Limit !== 0) {
      ctx.addIssue({
        code: "custom",
        path: ["Offset"],
        message: `must be a multiple of Limit (${value.Limit})`,
        params: { apiCode },
      });
    }
  };
}

/** Response-side field that the API documents as possibly null. */
export const nullable = <T extends z.ZodType>(schema: T) => schema.nullish();

/** A paged response: the client's pager relies on both being present. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ Items: z.array(item).nullish().transform((items) => items ?? []), Total: z.int().min(0) });
}

/** The permission entry that members and the organization report. */
export const orgPermission = z.object({ Id: z.int(), Name: z.string() });
