/* A WASI 0.2 *command* guest: an ordinary C program (main + wasi-libc), built as a wasm32-wasi
 * command module (exports `_start`) and wrapped with jco's preview1 command adapter, so the
 * component exports wasi:cli/run (see build.sh and ../README.md).
 *
 *   hello                  -> stdout "Hello, World!\n", exit 0
 *   hello a b c            -> stdout "Hello, a b c!\n", exit 0
 *   hello --exit N         -> stderr "exiting with N\n", exit(N)
 *   hello --env NAME       -> stdout value of NAME (or "(unset)") + "\n", exit 0
 *   hello --stdin          -> reads stdin to EOF, stdout "read <n> bytes\n", exit 0
 *   hello --fail           -> stderr "failing\n", main returns 1
 *
 * Exit status through the adapter: wasi-libc's _start calls exit(r) when main returns r != 0;
 * exit -> proc_exit(r) -> wasi:cli/exit.exit(r == 0 ? ok : err), so only ok/err reaches the host
 * (not N), and wasi:cli/run itself always returns ok when it returns at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "--exit") == 0) {
        int n = atoi(argv[2]);
        fprintf(stderr, "exiting with %d\n", n);
        exit(n); /* flushes stdio, then proc_exit(n) */
    }
    if (argc >= 3 && strcmp(argv[1], "--env") == 0) {
        const char *v = getenv(argv[2]);
        printf("%s\n", v ? v : "(unset)");
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--stdin") == 0) {
        char buf[4096];
        size_t n, total = 0;
        while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
            total += n;
        printf("read %zu bytes\n", total);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--fail") == 0) {
        fputs("failing\n", stderr);
        return 1; /* -> exit(1) in _start -> wasi:cli/exit.exit(err) */
    }
    if (argc < 2) {
        puts("Hello, World!");
        return 0;
    }
    /* Hello, <args joined by one space>! */
    fputs("Hello, ", stdout);
    for (int i = 1; i < argc; i++) {
        if (i > 1) putchar(' ');
        fputs(argv[i], stdout);
    }
    puts("!");
    return 0;
}
