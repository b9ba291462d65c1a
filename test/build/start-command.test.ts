import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** `npm start` and the image start the same process: same entry, same Node flags (the heap cap). */
describe("the production start command", () => {
  const start = (JSON.parse(read("package.json")) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  const cmdLine = read("Dockerfile")
    .split("\n")
    .find((line) => line.startsWith("CMD "));
  const cmd = JSON.parse(cmdLine!.slice(4)) as string[];

  it("is the compiled entry with a heap cap", () => {
    expect(start[0]).toBe("node");
    expect(start.at(-1)).toBe("dist/main.js");
    expect(start).toContain("--max-old-space-size=128");
  });

  it("is the same in the Dockerfile as in package.json", () => {
    expect(cmd).toEqual(start);
  });

  it("is the one the README shows", () => {
    expect(read("README.md")).toContain(`DATABASE_URL=... ${start.join(" ")}`);
  });
});
