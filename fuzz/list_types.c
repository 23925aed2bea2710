/* list_types.c: prints the types fuzz_decode selects from, one line
 * each: the selector byte in decimal, a tab, the qualified name.  The
 * seed script uses it to prefix each test vector with its type's
 * selector. */
#include <stdio.h>

#include "fuzz_types.h"

int main(void)
{
  unsigned index = 0;

  for (size_t f = 0; fuzz_type_lists[f] != NULL; f++)
    for (size_t t = 0; fuzz_type_lists[f][t] != NULL; t++)
      printf("%u\t%s\n", index++, fuzz_type_lists[f][t]->name);
  return 0;
}
