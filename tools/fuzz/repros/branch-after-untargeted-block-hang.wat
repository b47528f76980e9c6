;; (Known, fixed on main by b00c208.) The same family as
;; branch-after-untargeted-block.wat, as a hang: Weft 10a4837 never returns
;; (both tiers); native returns 0 in milliseconds. There is no loop.
;; Found by the structured generator (seed 1386 at 10a4837), reduced
;; automatically (hang predicate), then by hand.
;; Careful: `pnpm fuzz --run` runs in-process and hangs on this on 10a4837;
;; a campaign (`--seed 1386 --count 1`) reports it as a Weft hang.
(module
  (import "fuzzing-support" "log-f64" (func $log-f64 (param f64)))
  (func (export "f") (result i32)
    (block $fb (result i32)
      (br_table $fb
        (block $b0 (result i32)
          (block $x1 (br $x1))
          (block $b9 (result i32)
            (drop
              (block $b10 (result i32)
                (call $log-f64 (block $b11 (result f64) (br $b11 (f64.const 0))))
                (br_table $b9 (i32.const 0) (i32.const 0))))
            (i32.const 0)))
        (i32.const 0)))))
