import { createHash, createHmac } from "node:crypto";

export const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");

export const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
