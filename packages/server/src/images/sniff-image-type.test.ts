import { describe, expect, it } from "vitest";
import { AVIF_BYTES, JPEG_BYTES, PNG_BYTES, SVG_BYTES } from "../testing/image-bytes.js";
import { acceptImage } from "./accept-image.js";
import { sniffImageType } from "./sniff-image-type.js";

const GIF = Buffer.from("GIF89a\u0001\u0000\u0001\u0000");
const WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([26, 0, 0, 0]),
  Buffer.from("WEBPVP8 "),
]);

describe("sniffImageType", () => {
  it.each([
    ["a PNG", PNG_BYTES, "image/png"],
    ["a JPEG", JPEG_BYTES, "image/jpeg"],
    ["a GIF", GIF, "image/gif"],
    ["a WebP", WEBP, "image/webp"],
    ["an AVIF", AVIF_BYTES, "image/avif"],
    ["an SVG", SVG_BYTES, undefined],
    ["HTML", Buffer.from("<!doctype html><img src=x onerror=alert(1)>"), undefined],
    ["a RIFF that is not WebP", Buffer.from("RIFF\u0000\u0000\u0000\u0000WAVEfmt "), undefined],
    [
      "an MP4",
      Buffer.from("\u0000\u0000\u0000\u0018ftypmp42\u0000\u0000\u0000\u0000mp42isom"),
      undefined,
    ],
    ["nothing", Buffer.alloc(0), undefined],
  ])("reads %s from its bytes", (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
});

describe("acceptImage", () => {
  const avatars = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

  it("says why bytes are refused, naming SVG apart", () => {
    expect(acceptImage(SVG_BYTES, avatars)).toEqual({
      problem: "SVG images are not accepted (they can carry scripts); use PNG, JPEG, WebP or GIF",
    });
    expect(acceptImage(AVIF_BYTES, avatars)).toEqual({
      problem: "AVIF images are not accepted here; use PNG, JPEG, WebP or GIF",
    });
    expect(acceptImage(Buffer.from("hello"), avatars)).toEqual({
      problem:
        "not a PNG, JPEG, WebP or GIF image (the type is read from the file's bytes, whatever its name or declared type)",
    });
    expect(acceptImage(PNG_BYTES, avatars)).toEqual({ bytes: PNG_BYTES, contentType: "image/png" });
  });
});
