/**
 * The native provider plugin's entry (dist/provider/plugin/main.js), run by the engine through
 * plugin/pulumi-resource-tencentcloud-organization: serves the provider on a loopback port and prints the port, the
 * first line of stdout, which is how the engine finds it. The engine's address (the first argument) is not needed.
 */
import { grpc, providerGrpc } from "./proto";
import { resourceProviderService } from "./server";

export interface Serving {
  readonly port: number;
  /** Stops at once (a test's server; the engine ends the plugin's process instead). */
  stop(): void;
}

export async function serve(): Promise<Serving> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(providerGrpc.ResourceProviderService as never, resourceProviderService());
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return { port, stop: () => server.forceShutdown() };
}

if (require.main === module) {
  serve().then(
    ({ port }) => {
      process.stdout.write(`${port}\n`);
      // Anything printed later (a lookup's progress) must not be read as the port: it goes to stderr, which the
      // engine shows as the plugin's diagnostics.
      console.log = console.error;
      console.info = console.error;
    },
    (error: unknown) => {
      console.error(`pulumi-resource-tencentcloud-organization: cannot serve: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
