;; no-memory-string: declares a string result but exports no memory, so a host
;; cannot lift the result and must report an error (not crash or read garbage).
;; WIT: hello: func() -> string;
;; Core export: hello: () -> i32, the Canonical ABI return-area pointer. The
;; return area at 16 holds (ptr = 32, len = 2) and the bytes "hi" sit at 32, but
;; only in a memory the module keeps to itself (not exported).
(module
  (memory 1)
  (data (i32.const 16) "\20\00\00\00\02\00\00\00")
  (data (i32.const 32) "hi")
  (func (export "hello") (result i32)
    (i32.const 16)))
