/* The smallest WASI command: `weft run examples/wasi/hello.wasm`. */
#include <stdio.h>

int main(void) {
  printf("Hello, world!\n");
  return 0;
}
