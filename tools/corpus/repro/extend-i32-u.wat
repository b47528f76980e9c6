;; Weft bug: i64.extend_i32_u sets the i64 high half (R.hi = 0) *before*
;; evaluating its operand. When the operand expression itself computes an
;; i64 (here i64.add inside i64.eqz), that computation overwrites R.hi and
;; the extended result keeps its high half.
;;
;; f(4294967295) = extend_u(eqz(0x1_0000_0000)) = extend_u(0) = 0
;;   native V8:            0
;;   weft (both tiers):    4294967296
;;
;; Found through Go's math/big: Exp(10, 20) tests `v&mask != 0` as
;; eqz(extend_u(eqz(and(v, MIN)))) and gets 10^16. Source:
;; packages/jit/src/gen/numeric.ts, 'i64.extend_i32_u' expr_e:
;; `((R.hi = 0), (x(fp)))` (i64.extend_i32_s evaluates x first).
(module
  (func (export "f") (param i64) (result i64)
    (i64.extend_i32_u (i64.eqz (i64.add (local.get 0) (i64.const 1))))))
