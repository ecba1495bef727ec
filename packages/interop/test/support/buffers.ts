/** Node Buffers for the reference client (it takes and returns Buffer); our side is Uint8Array. */
export function toBuffer(content: string | Uint8Array): string | Buffer {
  return typeof content === 'string' ? content : Buffer.from(content);
}

export function asBytes(value: string | Buffer | Uint8Array): Uint8Array {
  return typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(value);
}
