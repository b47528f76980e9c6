;; (Known, fixed on main by b00c208.) i64.extend_i32_u of an i32 computed from
;; i64 work keeps the high half that work left behind.
;;   native: f(0) = 0       Weft 10a4837 (baseline and optimized): f(0) = 0xffffffff00000000
;; Reduced automatically from structured seed 313 (10a4837).
(module
  (func (export "f") (param f32) (result i64)
    (i64.extend_i32_u
      (i64.lt_s (i64.const 0) (i64.rotl (block (result i64) (i64.const -1)) (i64.const 0))))))
