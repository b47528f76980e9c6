/**
 * Test modules, as binaries (assembled once from the text below; the text
 * format package is not a dependency of the facade's tests).
 *
 * (module
 *   (import "host" "log" (func $log (param i32)))
 *   (import "host" "fail" (func $fail))
 *   (import "host" "table" (table 4 funcref))
 *   (memory (export "mem") 1)
 *   (func $fib (export "fib") (param i32) (result i32)
 *     (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
 *       (then (local.get 0))
 *       (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
 *                      (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
 *   (func $div (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
 *   (func $outer (export "outer") (param i32 i32) (result i32) (call $div (local.get 0) (local.get 1)))
 *   (func $deep (export "deep") (param i32)
 *     (if (i32.eqz (local.get 0)) (then (call $fail) (return)))
 *     (call $deep (i32.sub (local.get 0) (i32.const 1))))
 *   (func $forever (export "forever") (param i64) (result i64)
 *     (i64.add (call $forever (local.get 0)) (i64.const 1)))
 *   (func $log3 (export "log3") (call $log (i32.const 3)))
 *   (func $sum (export "sum") (param i32) (result i64) (local i64)
 *     (block (loop
 *       (br_if 1 (i32.eqz (local.get 0)))
 *       (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
 *       (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
 *       (br 0)))
 *     (local.get 1))
 *   (elem (i32.const 0) $fib $div)
 *   (elem (i32.const 3) $fib $fib))
 *
 * With a table of exactly 4 elements the second segment is out of bounds,
 * so instantiation traps after the first one was written.
 */
export const BASICS = Uint8Array.from(
  atob(
    'AGFzbQEAAAABHQZgAX8AYAAAYAF/AX9gAn9/AX9gAX4BfmABfwF+AicDBGhvc3QDbG9nAAAEaG9zdARmYWlsAAEEaG9zdAV0YWJsZQFwAAQDCAcCAwMABAEFBQMBAAEHOQgDbWVtAgADZmliAAIDZGl2AAMFb3V0ZXIABARkZWVwAAUHZm9yZXZlcgAGBGxvZzMABwNzdW0ACAkPAgBBAAsCAgMAQQMLAgICCnYHHAAgAEECSQR/IAAFIABBAWsQAiAAQQJrEAJqCwsHACAAIAFtCwgAIAAgARADCxIAIABFBEAQAQ8LIABBAWsQBQsJACAAEAZCAXwLBgBBAxAACyIBAX4CQANAIABFDQEgASAArXwhASAAQQFrIQAMAAsLIAELAFMEbmFtZQE3CQADbG9nAQRmYWlsAgNmaWIDA2RpdgQFb3V0ZXIFBGRlZXAGB2ZvcmV2ZXIHBGxvZzMIA3N1bQITCQAAAQACAAMABAAFAAYABwAIAA==',
  ),
  (c) => c.charCodeAt(0),
);
