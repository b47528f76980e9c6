;; An i64 select left pending below a local.tee of a local read before it is
;; materialized with its high half taken from the wrong operand.
;; The inner select picks (i64.const 0); Weft returns $g's high half with it.
;;   native: a(0) = 0       Weft (baseline and optimized): a(0) = 0x100000000
;; Present at 10a4837, 9ca34f3 and 3d4cc44.
;; Found by the structured generator (seed 3001232 on 9ca34f3: a division
;; that must trap was skipped because the select chose the wrong branch).
;; Run: pnpm fuzz --run tools/fuzz/repros/i64-select-high-half.wat
(module
  (global $g (mut i64) (i64.const 0x100000000))
  (func (export "a") (param i64) (result i64)
    (select
      (select (i64.const 0) (global.get $g) (block (result i32) (i32.const -1)))
      (i64.const 0)
      (i64.lt_s (i64.mul (local.get 0) (local.tee 0 (i64.const 0))) (i64.const 5)))))
