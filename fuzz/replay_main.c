/* replay_main.c: runs a fuzz target over saved inputs, without libFuzzer.
 *
 * Linked with a target's LLVMFuzzerTestOneInput and built with the
 * project's ordinary compiler, it lets `make check` replay every saved
 * regression on any build, under valgrind where the build has no
 * sanitizers.  Each argument is a file holding one input.  A finding
 * aborts the process, as it does under libFuzzer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Reads the whole of PATH into a buffer of exactly its size, so that a
 * read past the input is caught as it would be under libFuzzer. */
static uint8_t *read_file(const char *path, size_t *size)
{
  FILE *in = fopen(path, "rb");

  if (in == NULL)
    return NULL;
  long end = fseek(in, 0, SEEK_END) == 0 ? ftell(in) : -1;
  uint8_t *buf = end >= 0 ? malloc(end > 0 ? (size_t)end : 1) : NULL;
  *size = end >= 0 ? (size_t)end : 0;
  if (buf != NULL && (fseek(in, 0, SEEK_SET) != 0 ||
                      fread(buf, 1, *size, in) != *size)) {
    free(buf);
    buf = NULL;
  }
  fclose(in);
  return buf;
}

int main(int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    size_t size;
    uint8_t *data = read_file(argv[i], &size);
    if (data == NULL) {
      fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 2;
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
  }
  return 0;
}
