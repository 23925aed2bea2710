/* limits.c: the limits a decode runs under. */
#include "boundwire.h"

bw_limits bw_limits_default(void)
{
  bw_limits limits;

  limits.max_message_bytes = BW_DEFAULT_MAX_MESSAGE_BYTES;
  limits.max_depth = BW_DEFAULT_MAX_DEPTH;
  return limits;
}

bw_limits bw_limits_tighten(bw_limits base, bw_limits request)
{
  if (request.max_message_bytes != 0 &&
      request.max_message_bytes < base.max_message_bytes)
    base.max_message_bytes = request.max_message_bytes;
  if (request.max_depth != 0 && request.max_depth < base.max_depth)
    base.max_depth = request.max_depth;
  return base;
}

bool bw_limits_check_size(const bw_limits *limits, size_t size,
                          bw_error *err)
{
  if (size <= limits->max_message_bytes)
    return true;
  return bw_error_set_detail(err, BW_ERR_MESSAGE_TOO_LARGE, 0,
                             bw_num_uint(size),
                             bw_num_uint(limits->max_message_bytes), NULL);
}

bool bw_limits_check_depth(const bw_limits *limits, uint32_t depth,
                           size_t offset, bw_error *err)
{
  if (depth <= limits->max_depth)
    return true;
  return bw_error_set_detail(err, BW_ERR_TOO_DEEP, offset,
                             bw_num_uint(depth),
                             bw_num_uint(limits->max_depth), NULL);
}
