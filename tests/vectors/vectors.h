/* vectors.h: the generated types the vector runner knows. */
#ifndef BW_TEST_VECTORS_H
#define BW_TEST_VECTORS_H

#include "scalars.bw.h"

static const bw_type *const *const vector_type_lists[] = {
  scalars_bw_types,
  NULL,
};

#endif
