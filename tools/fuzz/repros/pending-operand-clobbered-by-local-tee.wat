;; A pending operand whose own operand sits in a stack slot above it is
;; clobbered when a local read is materialized there before a local.tee of
;; that local.
;; The i32.sub is pending and reads the block's result from slot s+1; the
;; second i32.add reads local 0 before local.tee writes it, so that read is
;; written to its stack slot, s+1, first.
;;   native: b(0) = 1099    Weft (baseline, optimized, flat): b(0) = 1100 (100 - 0)
;; Present at 10a4837, 9ca34f3 and 3d4cc44.
;; Found by the structured generator as a select choosing the wrong operand
;; (its condition clobbered), which skipped a division that must trap: seed
;; 3001232 (9ca34f3); also seed 4003464 (3d4cc44), a NaN in place of 0.
;; Same family as pending-operand-clobbered.wat (whose writers came later).
;; Run: pnpm fuzz --run tools/fuzz/repros/pending-operand-clobbered-by-local-tee.wat
(module
  (func (export "b") (param i32) (result i32)
    (i32.add
      (i32.sub (i32.const 100) (block (result i32) (i32.const 1)))
      (i32.add (local.get 0) (local.tee 0 (i32.const 1000))))))
