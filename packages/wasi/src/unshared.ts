/**
 * `bytes`, copied if they are a shared memory's (threads): browsers'
 * `TextDecoder` refuses views of a `SharedArrayBuffer`.
 */
export function unshared(bytes: Uint8Array): Uint8Array {
  return typeof SharedArrayBuffer === 'function' && bytes.buffer instanceof SharedArrayBuffer
    ? bytes.slice()
    : bytes;
}
