;; A call statement overwrites a slot that a pending operand below it still reads.
;; The i32.mul is left on the operand stack (its second operand is the if's
;; result, in a slot); the call's argument is placed at the top of the operand
;; stack, which is that same slot, before the mul is computed.
;;   native: f(0) = 10      Weft (baseline and optimized): f(0) = 14 (2 * 7, the argument)
;; Introduced by b00c208 ("one place emits statements (operand stack flushes
;; first)"); present on main at 9ca34f3 and 3d4cc44; not at 10a4837.
;; Found by the structured generator (seed 2000086 on 9ca34f3, an f64 variant).
;; Run: pnpm fuzz --run tools/fuzz/repros/call-clobbers-pending-operand.wat
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (func (export "f") (param i32) (result i32)
    (i32.mul (i32.const 2) (if (result i32) (local.get 0) (then (i32.const 3)) (else (i32.const 5))))
    (call $log (i32.const 7))))
