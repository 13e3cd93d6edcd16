;; spin: never returns. For epoch-interruption / fuel / timeout tests.
;; Core export: spin: () -> ()   (WIT: spin: func();)
(module
  (func (export "spin")
    (loop $forever
      (br $forever))))
