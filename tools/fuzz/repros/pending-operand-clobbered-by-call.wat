;; A pending operand whose own operand sits in a stack slot above it is
;; clobbered when a call writes its arguments there.
;; The i32.mul is left on the operand stack as a pending expression reading
;; the if's result from slot s+1; the call's argument goes to the top of the
;; operand stack, slot s+1, before the mul is computed.
;;   native: f(0) = 10      Weft (baseline, optimized, flat): f(0) = 14 (2 * 7, the argument)
;; Introduced by b00c208 ("one place emits statements (operand stack flushes
;; first)"); present on main at 9ca34f3 and 3d4cc44; not at 10a4837.
;; The most frequent mismatch on main: structured seeds 2000086 (9ca34f3),
;; 3100582 3101265 3102120 3102528 3104512 (9ca34f3), 4002063 (3d4cc44): results
;; computed from the argument, a division that must trap not trapping
;; (0 rem_s clobbered to 0 rem_s 12), NaNs lost.
;; A br_if carrying a value writes the same slot (export "brif"; introduced
;; by b00c208 too): native brif(0) = 1099, Weft 100 (100 - 1000 + 1000).
;; Same root cause as pending-operand-clobbered-by-local-tee.wat.
;; Run: pnpm fuzz --run tools/fuzz/repros/pending-operand-clobbered-by-call.wat
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (func (export "f") (param i32) (result i32)
    (i32.mul (i32.const 2) (if (result i32) (local.get 0) (then (i32.const 3)) (else (i32.const 5))))
    (call $log (i32.const 7)))
  (func (export "brif") (param i32) (result i32)
    (block $b (result i32)
      (i32.add
        (i32.sub (i32.const 100) (block (result i32) (i32.const 1)))
        (br_if $b (i32.const 1000) (local.get 0))))))
