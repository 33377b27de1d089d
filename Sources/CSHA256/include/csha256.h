#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the SHA extensions (and SSSE3, SSE4.1) that `csha256_blocks` uses.
int csha256_hardware_available(void);

/// Hashes `count` whole 64-byte blocks at `data` into `state` (H0...H7, FIPS 180-4) with the
/// CPU's SHA-256 instructions. Call only when `csha256_hardware_available()` returned 1.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t count);

#endif
