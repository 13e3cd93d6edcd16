;; Functions behind the HTTP tests' endpoints, with the Canonical ABI written by hand: a bump allocator
;; (cabi_realloc, reset after every call by the cabi_post_ functions) and a 8-byte return area at 16.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))

  ;; Bump allocation, growing the memory when the request does not fit.
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32) (local $end i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then (if (i32.lt_s (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))) (i32.const 0))
        (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $p))

  ;; bytes: func(body: string) -> list<u8>: the body's bytes back.
  (func (export "bytes") (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (i32.const 16))
  (func (export "cabi_post_bytes") (param i32) (global.set $heap (i32.const 1024)))

  ;; size: func(body: string) -> u32: how many bytes the body has.
  (func (export "size") (param $ptr i32) (param $len i32) (result i32)
    (global.set $heap (i32.const 1024))
    (local.get $len))

  ;; ping: func(): does nothing.
  (func (export "ping"))

  ;; boom: func(body: string) -> string: traps.
  (func (export "boom") (param i32 i32) (result i32) unreachable)

  ;; spin: func() -> u32: never returns (its limit ends it).
  (func (export "spin") (result i32) (loop $forever (br $forever)) (i32.const 0))
)
