import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../src/http-server.js";
import { createLogger } from "../src/logger.js";

const logger = createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));

describe("GET /healthz", () => {
  it("answers 200 while the database answers, 503 when it does not, 404 elsewhere", async () => {
    let healthy = true;
    const server = await startHttpServer({ port: 0, logger, health: async () => (healthy ? true : Promise.reject(new Error("db down"))) });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/healthz`);
      expect([ok.status, await ok.json()]).toEqual([200, { ok: true }]);
      healthy = false;
      const down = await fetch(`${base}/healthz`);
      expect([down.status, await down.json()]).toEqual([503, { ok: false }]);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
