/**
 * The HTTP layer (node:http): routing, reading bodies (up to 10 MB), the content type, and turning outcomes into
 * bytes on the wire. `POST /` is the API; `POST /__emulator/<method>` is the control surface; anything else is 404.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { type EmulatorControl, runControlRequest } from "./control";
import type { Dispatcher } from "./dispatch";
import { ApiError, requestSizeLimitExceeded, unsupportedProtocol } from "./errors";
import { errorEnvelope, newRequestId, sendJson } from "./protocol";

/** TC3-signed POST bodies may be up to 10 MB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const CONTROL_PREFIX = "/__emulator/";

export function createEmulatorServer(dispatcher: Dispatcher, control: EmulatorControl): Server {
  return createServer((req, res) => {
    route(req, res, dispatcher, control).catch((error: unknown) => {
      process.emitWarning(`emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, { error: "emulator failure" }, undefined, 500);
      else res.destroy();
    });
  });
}

async function route(req: IncomingMessage, res: ServerResponse, dispatcher: Dispatcher, control: EmulatorControl): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/") return api(req, res, dispatcher);
  if (path?.startsWith(CONTROL_PREFIX) && req.method === "POST") {
    const { text } = await readBody(req);
    const answer = runControlRequest(control, path.slice(CONTROL_PREFIX.length), text);
    return sendJson(res, answer.body, undefined, answer.status);
  }
  req.resume();
  sendJson(res, { error: `no route for ${req.method} ${path}` }, undefined, 404);
}

async function api(req: IncomingMessage, res: ServerResponse, dispatcher: Dispatcher): Promise<void> {
  const requestId = newRequestId();
  const traceId = headerValue(req, "x-tc-traceid");
  const { text, tooLarge } = await readBody(req);
  const refuse = (error: ApiError) => sendJson(res, errorEnvelope(error, requestId), traceId);

  if (req.method !== "POST") return refuse(unsupportedProtocol(`The emulator accepts only POST requests (got ${req.method}).`));
  if (tooLarge) return refuse(requestSizeLimitExceeded(MAX_BODY_BYTES));
  const contentType = headerValue(req, "content-type") ?? "";
  if (contentType.split(";")[0]!.trim().toLowerCase() !== "application/json")
    return refuse(unsupportedProtocol(`Content-Type must be application/json (got \`${contentType}\`).`));

  const outcome = await dispatcher.handle(req.headers, text, requestId);
  switch (outcome.kind) {
    case "answer":
      return sendJson(res, outcome.envelope, traceId);
    case "http-502":
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>");
      return;
    case "reset":
      req.socket.destroy();
      return;
  }
}

/** Reads the whole body; past the limit it keeps draining (so the client can read the answer) but stores nothing. */
function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > MAX_BODY_BYTES }));
    req.on("error", reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
