/* version.c: the library's version, and the platform it assumes. */
#include "boundwire.h"

#include <float.h>
#include <limits.h>

/* The fixed32 and fixed64 casts copy a float's bytes as they are, which
 * is right only where float and double are IEEE 754 binary32/64. */
_Static_assert(sizeof(float) == 4 && FLT_MANT_DIG == 24,
               "float must be IEEE 754 binary32");
_Static_assert(sizeof(double) == 8 && DBL_MANT_DIG == 53,
               "double must be IEEE 754 binary64");
_Static_assert(CHAR_BIT == 8, "bytes must have 8 bits");

const char *bw_version(void)
{
  return BW_VERSION_STRING;
}
