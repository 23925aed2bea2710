/* vectors.h: the generated types the vector runner knows. */
#ifndef BW_TEST_VECTORS_H
#define BW_TEST_VECTORS_H

#include "scalars.bw.h"
#include "ints.bw.h"
#include "floats.bw.h"
#include "strings.bw.h"
#include "lists.bw.h"
#include "maps.bw.h"
#include "unions.bw.h"
#include "nested.bw.h"
#include "limited.bw.h"
#include "enums.bw.h"
#include "optionals.bw.h"
#include "defaults.bw.h"
#include "wire.bw.h"

static const bw_type *const *const vector_type_lists[] = {
  scalars_bw_types,
  ints_bw_types,
  floats_bw_types,
  strings_bw_types,
  lists_bw_types,
  maps_bw_types,
  unions_bw_types,
  nested_bw_types,
  limited_bw_types,
  enums_bw_types,
  optionals_bw_types,
  defaults_bw_types,
  wire_bw_types,
  NULL,
};

#endif
