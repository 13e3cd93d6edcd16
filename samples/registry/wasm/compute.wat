;; compute: the sample registry's smallest guest.
;; WIT: compute: func(a: s32, b: s32) -> s32   (core: (i32, i32) -> i32)
;; Returns a * b (wrapping), so compute(6, 7) = 42. No memory is needed.
(module
  (func $compute (export "compute") (param $a i32) (param $b i32) (result i32)
    (i32.mul (local.get $a) (local.get $b))))
