import { describe, expect, it } from "vitest";
import { uploadFileName } from "./upload-file-name.js";

describe("uploadFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\windows\\win.ini", "win.ini"],
    ["C:\\Users\\alice\\notes.txt", "notes.txt"],
    ["report\u0000\u001b[31m.pdf", "report[31m.pdf"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["..", "file"],
    ["dir/", "file"],
    ["", "file"],
    [undefined, "file"],
    ["  spaced.png  ", "spaced.png"],
    ["photo 😀.jpg", "photo 😀.jpg"],
  ])("reduces %j to %j", (given, expected) => {
    expect(uploadFileName(given)).toBe(expected);
  });

  it("caps a name at 255 characters, keeping its extension and whole characters", () => {
    const name = uploadFileName(`${"😀".repeat(300)}.png`);
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name.endsWith("😀.png")).toBe(true);
    expect(name).not.toMatch(/\p{Surrogate}/u);
  });
});
