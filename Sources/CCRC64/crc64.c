/*
 * Azure Storage's CRC-64 (see include/CCRC64.h).
 *
 * Conventions. The CRC is reflected: the first bit of the message is the least significant bit
 * of its first byte, and a 64-bit register holds polynomial coefficients from x^63 (bit 0) down
 * to x^0 (bit 63). `raw` below is that register before the final inversion; the value callers
 * see is ~raw. In the unreflected view, with P = x^64 + 0xAD93D23594C93659, the raw register
 * after a message M (started from raw0) is raw0 * x^|M| + M * x^64 mod P.
 *
 * The table version is slicing-by-8: eight bytes per step through eight 256-entry tables.
 *
 * The carry-less version folds 16-byte chunks. A chunk loaded little-endian into a 128-bit
 * register holds a polynomial A of degree < 128 reflected (bit j is the coefficient of
 * x^(127-j)): the low half is A's high 64 coefficients, the high half its low 64. Moving A
 * across the D bits that follow it multiplies it by x^D; with A = Ah x^64 + Al that is
 * Ah x^(D+64) + Al x^D, and as the product of two reflected 64-bit values comes out shifted by
 * one place (clmul(rev a, rev b) = rev128(a b x)), the two constants are x^(D+63) mod P and
 * x^(D-1) mod P, reflected. Four registers fold 64 bytes per step; at the end they are folded
 * into one, the rest of the 16-byte chunks are folded into that, and the last 128-bit value is
 * reduced by running the table CRC over its 16 bytes from a zero register (which is exactly
 * A x^64 mod P), followed by the tail of fewer than 16 bytes.
 */
#include "CCRC64.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

/* The reflected polynomial, and the unreflected one without its x^64 term. */
#define POLY_REFLECTED 0x9A6C9329AC4BC9B5ULL
#define POLY_NORMAL 0xAD93D23594C93659ULL

static uint64_t table[8][256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void make_tables(void) {
    for (int n = 0; n < 256; n++) {
        uint64_t crc = (uint64_t)n;
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ ((crc & 1) ? POLY_REFLECTED : 0);
        table[0][n] = crc;
    }
    for (int n = 0; n < 256; n++) {
        for (int k = 1; k < 8; k++) table[k][n] = (table[k - 1][n] >> 8) ^ table[0][table[k - 1][n] & 0xFF];
    }
}

static inline uint64_t load64le(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* The raw register after `length` bytes; the tables must be made. */
static uint64_t raw_update_table(uint64_t raw, const uint8_t *p, size_t length) {
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        raw = (raw >> 8) ^ table[0][(raw ^ *p++) & 0xFF];
        length--;
    }
    while (length >= 8) {
        raw ^= load64le(p);
        raw = table[7][raw & 0xFF] ^ table[6][(raw >> 8) & 0xFF] ^ table[5][(raw >> 16) & 0xFF]
            ^ table[4][(raw >> 24) & 0xFF] ^ table[3][(raw >> 32) & 0xFF] ^ table[2][(raw >> 40) & 0xFF]
            ^ table[1][(raw >> 48) & 0xFF] ^ table[0][raw >> 56];
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        raw = (raw >> 8) ^ table[0][(raw ^ *p++) & 0xFF];
        length--;
    }
    return raw;
}

uint64_t hws_crc64_update_portable(uint64_t crc, const void *data, size_t length) {
    pthread_once(&table_once, make_tables);
    return ~raw_update_table(~crc, (const uint8_t *)data, length);
}

/* x^n mod P, unreflected. */
static uint64_t x_power_mod(unsigned n) {
    uint64_t v = 1;
    while (n-- > 0) v = (v << 1) ^ ((v >> 63) ? POLY_NORMAL : 0);
    return v;
}

static uint64_t reflect64(uint64_t v) {
    uint64_t r = 0;
    for (int i = 0; i < 64; i++) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    return r;
}

/* a * b mod P, unreflected. */
static uint64_t multiply_mod(uint64_t a, uint64_t b) {
    uint64_t r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) ^ ((r >> 63) ? POLY_NORMAL : 0);
        if ((a >> i) & 1) r ^= b;
    }
    return r;
}

/* With the initial value and the final XOR equal, CRC(A B) = CRC(A) x^(8 |B|) + CRC(B) mod P. */
uint64_t hws_crc64_multiplier(uint64_t length_b) {
    uint64_t shift = 1, square = 2; /* x^0, x^1 */
    for (uint64_t bits = length_b; bits != 0; bits >>= 1) {
        if (bits & 1) shift = multiply_mod(shift, square);
        square = multiply_mod(square, square);
    }
    /* x^(8 |B|) = (x^|B|)^8 */
    for (int i = 0; i < 3; i++) shift = multiply_mod(shift, shift);
    return shift;
}

uint64_t hws_crc64_combine_multiplied(uint64_t crc_a, uint64_t crc_b, uint64_t multiplier) {
    return reflect64(multiply_mod(reflect64(crc_a), multiplier)) ^ crc_b;
}

uint64_t hws_crc64_combine(uint64_t crc_a, uint64_t crc_b, uint64_t length_b) {
    return hws_crc64_combine_multiplied(crc_a, crc_b, hws_crc64_multiplier(length_b));
}

#if defined(__x86_64__)

/* Folding constants for moving a 128-bit register across D bits: {x^(D+63), x^(D-1)} mod P,
   reflected, for D = 128, 256, 384 and 512. */
static uint64_t fold_constants[4][2];
static int clmul_available;
static pthread_once_t clmul_once = PTHREAD_ONCE_INIT;

static void prepare_clmul(void) {
    unsigned eax, ebx, ecx, edx;
    /* PCLMULQDQ is CPUID.1:ECX bit 1; SSE4.1 (for the 64-bit moves) bit 19. */
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 1)) && (ecx & (1u << 19))) {
        for (int i = 0; i < 4; i++) {
            unsigned bits = 128u * (unsigned)(i + 1);
            fold_constants[i][0] = reflect64(x_power_mod(bits + 63));
            fold_constants[i][1] = reflect64(x_power_mod(bits - 1));
        }
        clmul_available = 1;
    }
    pthread_once(&table_once, make_tables);
}

__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i x, __m128i constants) {
    return _mm_xor_si128(_mm_clmulepi64_si128(x, constants, 0x00), _mm_clmulepi64_si128(x, constants, 0x11));
}

/* The raw register after `length` (at least 64) bytes. */
__attribute__((target("pclmul,sse4.1")))
static uint64_t raw_update_clmul(uint64_t raw, const uint8_t *p, size_t length) {
    const __m128i k128 = _mm_set_epi64x((long long)fold_constants[0][1], (long long)fold_constants[0][0]);
    const __m128i k256 = _mm_set_epi64x((long long)fold_constants[1][1], (long long)fold_constants[1][0]);
    const __m128i k384 = _mm_set_epi64x((long long)fold_constants[2][1], (long long)fold_constants[2][0]);
    const __m128i k512 = _mm_set_epi64x((long long)fold_constants[3][1], (long long)fold_constants[3][0]);

    __m128i x0 = _mm_xor_si128(_mm_loadu_si128((const __m128i *)p), _mm_cvtsi64_si128((long long)raw));
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    p += 64;
    length -= 64;
    while (length >= 64) {
        x0 = _mm_xor_si128(fold(x0, k512), _mm_loadu_si128((const __m128i *)p));
        x1 = _mm_xor_si128(fold(x1, k512), _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = _mm_xor_si128(fold(x2, k512), _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = _mm_xor_si128(fold(x3, k512), _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        length -= 64;
    }
    __m128i x = _mm_xor_si128(_mm_xor_si128(fold(x0, k384), fold(x1, k256)), _mm_xor_si128(fold(x2, k128), x3));
    while (length >= 16) {
        x = _mm_xor_si128(fold(x, k128), _mm_loadu_si128((const __m128i *)p));
        p += 16;
        length -= 16;
    }
    uint8_t last[16];
    _mm_storeu_si128((__m128i *)last, x);
    return raw_update_table(raw_update_table(0, last, 16), p, length);
}

int hws_crc64_uses_clmul(void) {
    pthread_once(&clmul_once, prepare_clmul);
    return clmul_available;
}

uint64_t hws_crc64_update(uint64_t crc, const void *data, size_t length) {
    pthread_once(&clmul_once, prepare_clmul);
    /* Below a few chunks the tables are as fast, and the folding needs 64 bytes to start. */
    if (clmul_available && length >= 256) return ~raw_update_clmul(~crc, (const uint8_t *)data, length);
    return ~raw_update_table(~crc, (const uint8_t *)data, length);
}

#else

int hws_crc64_uses_clmul(void) { return 0; }

uint64_t hws_crc64_update(uint64_t crc, const void *data, size_t length) {
    return hws_crc64_update_portable(crc, data, length);
}

#endif
