#ifndef HWSUBMIT_CCRC64_H
#define HWSUBMIT_CCRC64_H

/*
 * Azure Storage's CRC-64, as the storage service checks `x-ms-content-crc64` and the storage
 * SDKs compute it: the reflected polynomial 0x9A6C9329AC4BC9B5 (0xAD93D23594C93659 unreflected,
 * the one NVMe uses), initial value and final XOR all ones. The CRC of "123456789" is
 * 0xAE8B14860A799888; the header carries the 8 bytes little-endian, in base64.
 *
 * Two implementations give the same values: slicing-by-8 tables (any CPU), and carry-less
 * multiplication folding (x86-64 with PCLMULQDQ, chosen at run time). Neither needs any set-up
 * at start-up: the tables and constants are made on first use.
 */

#include <stddef.h>
#include <stdint.h>

/* The CRC of `crc`'s data followed by `length` bytes at `data` (`crc` is 0 for no data yet),
   with the fastest implementation this CPU has. */
uint64_t hws_crc64_update(uint64_t crc, const void *data, size_t length);

/* The same with the portable table implementation only (to check the fast one against). */
uint64_t hws_crc64_update_portable(uint64_t crc, const void *data, size_t length);

/* 1 when hws_crc64_update uses carry-less multiplication on this CPU, else 0. */
int hws_crc64_uses_clmul(void);

/* The CRC of A followed by B, from the CRC of A, the CRC of B and the length of B in bytes. */
uint64_t hws_crc64_combine(uint64_t crc_a, uint64_t crc_b, uint64_t length_b);

/* The same in two steps, for many parts of one length: the multiplier for that length once,
   then each combination with it. */
uint64_t hws_crc64_multiplier(uint64_t length_b);
uint64_t hws_crc64_combine_multiplied(uint64_t crc_a, uint64_t crc_b, uint64_t multiplier);

#endif
