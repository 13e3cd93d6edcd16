;; grow: memory.grow on demand, for memory-limit tests.
;; Exports:
;;   memory                     1 page initially, no declared maximum (the host's limits decide)
;;   grow: (pages: i32) -> i32  memory.grow; the old size in pages, or -1 when the grow is refused
;;   size: () -> i32            memory.size in pages
;; WIT: grow: func(pages: u32) -> s32;  size: func() -> u32;
(module
  (memory (export "memory") 1)
  (func (export "grow") (param $pages i32) (result i32)
    (memory.grow (local.get $pages)))
  (func (export "size") (result i32)
    (memory.size)))
