;; Performance, not correctness: memory.grow copies the whole memory into a new
;; ArrayBuffer, so growing page by page (as malloc does through sbrk) is quadratic.
;; grow(n) on this machine (2 busy cores): n=250: native 1 ms, weft 7 s;
;; n=500: native 49 ms, weft 23 s; n=1000: native 0.1 s, weft 100 s.
;; Seen in c/lisp.O0 with a larger workload (3.2 M mallocs: 1.6 s native, 190 s weft).
(module
  (memory 1)
  ;; grows the memory one page at a time, n times, touching each new page
  (func (export "grow") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (drop (memory.grow (i32.const 1)))
      (i32.store (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (memory.size)))
