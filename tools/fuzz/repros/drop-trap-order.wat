;; (Known, fixed on main by b00c208.) A trapping operand left below a dropped
;; trapping expression must trap first; Weft ran the dropped division first.
;;   native: f(0) traps "memory access out of bounds"
;;   Weft 10a4837 (baseline and optimized): traps IntegerDivisionByZero
(module
  (memory 1)
  (func (export "f") (param i32) (result i32)
    (i32.load (i32.const 100000000))
    (i32.div_s (i32.const 1) (local.get 0))
    drop))
