;; work(n): n rounds of a 32-bit linear congruential generator (x = x * 1664525 + 1013904223), starting at x = n;
;; returns x. CPU-bound, no memory: with n = 2,000,000 one call takes a few milliseconds. Used by the bench:work_*
;; entries and, read from this same file, by the Wasmtime.Dotnet floors of ThroughputBenchmarks and --latency.
(module
  (func (export "work") (param $n i32) (result i32)
    (local $i i32)
    (local $x i32)
    (local.set $x (local.get $n))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $x)))
