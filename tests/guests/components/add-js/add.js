// The JavaScript guest of the benchmarks' warm component rows (benchmarks/Wippy.Benchmarks, JsBenchmarks),
// componentized by ComponentizeJS (see build.sh):
//
//   add(a, b)    a + b, wrapped to 32 bits
//   greet(name)  "Hello, <name>!"

export function add(a, b) {
  return (a + b) | 0;
}

export function greet(name) {
  return `Hello, ${name}!`;
}
