/**
 * The CAM preset policies the emulator knows, for the identities' preset policies (PolicyType 2). The real API looks a
 * preset policy up in CAM and answers ResourceNotFound.PolicyNotExist for one it does not find; the emulator has no CAM,
 * so it keeps this catalog. Ids 1 to 3 are those the default seed's preset identities carry; the others are numbered
 * by the emulator and are not CAM's ids.
 */
export const PRESET_POLICIES: ReadonlyMap<number, string> = new Map([
  [1, "AdministratorAccess"],
  [2, "ReadOnlyAccess"],
  [3, "QcloudFinanceFullAccess"],
  [101, "QcloudCVMFullAccess"],
  [102, "QcloudCVMReadOnlyAccess"],
  [103, "QcloudCOSFullAccess"],
  [104, "QcloudCOSReadOnlyAccess"],
  [105, "QcloudCLSFullAccess"],
  [106, "QcloudCamReadOnlyAccess"],
  [107, "QcloudAuditFullAccess"],
]);

export function isPresetPolicy(policyId: number, policyName: string): boolean {
  return PRESET_POLICIES.get(policyId) === policyName;
}
