/**
 * A tiny loopback HTTP server that records each request and answers from a script: enough to test the client and the
 * transport without the emulator. Each scripted answer is used once, then the default answer applies.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer =
  | { kind: "json"; body: unknown; status?: number }
  | { kind: "raw"; body: string; status?: number; contentType?: string }
  | { kind: "reset" }
  | { kind: "hang"; ms: number; then?: Answer };

export interface StubServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Queues answers for the next requests. */
  script(...answers: Answer[]): void;
  /** The answer once the script is used up. */
  setDefault(answer: Answer): void;
  stop(): Promise<void>;
}

export const success = (fields: Record<string, unknown> = {}, requestId = "req-ok"): Answer => ({
  kind: "json",
  body: { Response: { ...fields, RequestId: requestId } },
});

export const apiError = (code: string, message = `message for ${code}`, requestId = `req-${code}`): Answer => ({
  kind: "json",
  body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId } },
});

export async function startStubServer(): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const queue: Answer[] = [];
  let fallback: Answer = success();
  const timers = new Set<NodeJS.Timeout>();

  const respond = (res: ServerResponse, answer: Answer): void => {
    switch (answer.kind) {
      case "json":
        res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
        return;
      case "raw":
        res.writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "text/plain" });
        res.end(answer.body);
        return;
      case "reset":
        res.socket?.destroy();
        return;
      case "hang": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed && !res.socket?.destroyed) respond(res, answer.then ?? success());
        }, answer.ms);
        timers.add(timer);
        return;
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      respond(res, queue.shift() ?? fallback);
    });
  });
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    script: (...answers) => void queue.push(...answers),
    setDefault: (answer) => {
      fallback = answer;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
