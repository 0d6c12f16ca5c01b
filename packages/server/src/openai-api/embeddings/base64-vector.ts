/**
 * A vector as OpenAI's `encoding_format: "base64"` carries it: the float32 values,
 * little-endian, base64-encoded (what OpenAI's SDKs decode with a Float32Array).
 */
export function base64Vector(vector: number[]): string {
  const bytes = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, index) => bytes.setFloat32(index * 4, value, true));
  return Buffer.from(bytes.buffer).toString("base64");
}
