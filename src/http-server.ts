import http from "node:http";
import type { Logger } from "./logger.js";

export interface HttpServerOptions {
  port: number;
  /** Telegram webhook handler, mounted at the webhook URL's path. */
  webhook?: { path: string; handler: (req: http.IncomingMessage, res: http.ServerResponse) => unknown };
  health: () => Promise<boolean>;
  /** The dashboard (issue 16), served under /app when it is on. */
  dashboard?: (req: http.IncomingMessage, res: http.ServerResponse) => unknown;
  logger: Logger;
}

/** `/healthz` for the container's HEALTHCHECK, in webhook mode the webhook itself, and the dashboard when it is on. */
export async function startHttpServer({ port, webhook, health, dashboard, logger }: HttpServerOptions): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      const ok = await health().catch(() => false);
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
      return;
    }
    if (webhook && req.method === "POST" && path === webhook.path) {
      await webhook.handler(req, res);
      return;
    }
    if (dashboard && (path === "/app" || path?.startsWith("/app/"))) {
      await dashboard(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  logger.info({ port }, "HTTP server listening");
  return server;
}
