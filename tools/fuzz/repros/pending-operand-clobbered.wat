;; A pending operand whose own operand sits in a stack slot above it is
;; clobbered when later code writes that slot before the pending operand is
;; computed. Three writers, one per export:
;;  - "call": a call's argument goes to the top of the operand stack, the slot
;;    the pending i32.mul reads the if's result from.
;;      native: call(0) = 10     Weft: 14 (2 * 7, the argument)
;;  - "brif": a br_if carrying a value writes it there (a br too: in
;;    (drop (i32.add (i32.div_s (i32.const 0) (if ... 0)) (br $out (i64.const -1))))
;;    the division must trap but reads -1 and does not; structured seed 5004979).
;;      native: brif(0) = 1099   Weft: 100 (100 - 1000 + 1000)
;;  - "simd": a SIMD instruction (a statement writing its result to its slot)
;;    writes its i32 result there.
;;      native: simd(-1) = 101   Weft: 100 (100 - 0 + 0)
;; All tiers (baseline, optimized, flat). Introduced by b00c208 ("one place
;; emits statements (operand stack flushes first)"): present at b00c208,
;; 9ca34f3 and 3d4cc44, absent at 10a4837.
;; The most frequent mismatch on main: structured seeds 2000086, 3100582,
;; 3101265, 3102120, 3102528, 3104512 (9ca34f3), 4002063, 5000788, 5004842
;; and more (3d4cc44), and CI slice seed 296: results computed from the
;; clobbering value, divisions that must trap not trapping (0 rem_s 12) or
;; trapping when they must not (0 div_s 0), NaNs lost, host calls skipped.
;; Same family as pending-operand-clobbered-by-local-tee.wat (older).
;; Run: pnpm fuzz --run tools/fuzz/repros/pending-operand-clobbered.wat
(module
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (func (export "call") (param i32) (result i32)
    (i32.mul (i32.const 2) (if (result i32) (local.get 0) (then (i32.const 3)) (else (i32.const 5))))
    (call $log (i32.const 7)))
  (func (export "brif") (param i32) (result i32)
    (block $b (result i32)
      (i32.add
        (i32.sub (i32.const 100) (block (result i32) (i32.const 1)))
        (br_if $b (i32.const 1000) (local.get 0)))))
  (func (export "simd") (param i32) (result i32)
    (i32.add
      (i32.sub (i32.const 100) (block (result i32) (local.get 0)))
      (i32x4.all_true (i8x16.splat (i32.const 0))))))
