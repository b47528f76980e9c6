;; (Known, fixed on main by b00c208.) A branch to a block that follows an
;; untargeted block containing a targeted one is taken wrongly: the function
;; returns early and the branch's value is lost (the result slot still holds
;; the parameter).
;;   native: f(0) = 7       Weft 10a4837 (baseline and optimized): f(0) = 0
;; 94 of 2,828 structured modules (old generator) and 46 of 1,500 (CI slice
;; seeds) mismatched at 10a4837, nearly all from this family; all 140 agree
;; with native at 9ca34f3.
(module
  (func (export "f") (param i32) (result i32)
    (block $fb (result i32)
      (block $b0 (block $b1 (br $b1)))
      (br $fb (i32.const 7)))))
