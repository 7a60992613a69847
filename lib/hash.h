/* A hash for in-memory tables, private to libsxs: eight bytes a step, then
 * a final mix so that keys differing in any bit spread over the low bits
 * used as table index. Not for anything an adversary could exploit beyond
 * slowing a table down, and not stable across versions: never store it. */
#ifndef SXS_LIB_HASH_H
#define SXS_LIB_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t sxs_hash_mix(uint64_t h) {
  /* The 64-bit finaliser of MurmurHash3 (its published constants). */
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

static inline uint64_t sxs_hash_bytes(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 0x9e3779b97f4a7c15ull * (len + 1);
  while (len >= 8) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
    p += 8;
    len -= 8;
  }
  if (len) {
    uint64_t w = 0;
    memcpy(&w, p, len);
    h = (h ^ w) * 0x100000001b3ull;
  }
  return sxs_hash_mix(h);
}

#endif
