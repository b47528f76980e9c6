// hash-wasm (hand-written C compiled to wasm, embedded in the package's JS):
// digests of a generated 64 KiB buffer with many algorithms, incremental
// hashing in uneven chunks, HMAC and PBKDF2.
const hw = require('hash-wasm');

module.exports = async function run() {
  const data = new Uint8Array(16384);
  let x = 0x12345678;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    data[i] = x & 0xff;
  }
  const names = ['md4', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3', 'keccak', 'ripemd160',
    'blake2b', 'blake2s', 'blake3', 'crc32', 'crc32c', 'xxhash32', 'xxhash64', 'xxhash3', 'xxhash128', 'sm3', 'whirlpool', 'adler32'];
  for (const name of names) {
    if (typeof hw[name] !== 'function') continue;
    console.log(name.padEnd(10), await hw[name](data), await hw[name]('abc'));
  }
  const h = await hw.createSHA256();
  h.init();
  for (let off = 0, step = 1; off < data.length; off += step, step = step * 2 + 1) h.update(data.subarray(off, off + step));
  console.log('sha256 incremental', h.digest('hex'));
  const hmac = await hw.createHMAC(hw.createSHA1(), 'key');
  hmac.init();
  hmac.update('The quick brown fox jumps over the lazy dog');
  console.log('hmac-sha1', hmac.digest());
  console.log('pbkdf2', await hw.pbkdf2({ password: 'password', salt: 'salt', iterations: 200, hashLength: 32, hashFunction: hw.createSHA256(), outputType: 'hex' }));
  return 0;
};
