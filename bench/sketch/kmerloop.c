/* The practical limit of one core: read FASTA/FASTQ (plain), and for every canonical k-mer
 * (lexicographically smaller of k-mer and reverse complement, as sourmash) compute MurmurHash3
 * x64_128 h1 (seed 42) and apply the scaled filter. No storage beyond counting kept hashes.
 * usage: kmerloop INPUT SCALED K [K...] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t fmix(uint64_t k) {
  k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ULL; k ^= k >> 33;
  return k;
}
static uint64_t murmur_h1(const uint8_t *d, int len, uint64_t seed) {
  uint64_t h1 = seed, h2 = seed, c1 = 0x87c37b91114253d5ULL, c2 = 0x4cf5ad432745937fULL;
  int nb = len / 16;
  for (int i = 0; i < nb; i++) {
    uint64_t k1, k2;
    memcpy(&k1, d + i * 16, 8);
    memcpy(&k2, d + i * 16 + 8, 8);
    k1 *= c1; k1 = rotl(k1, 31); k1 *= c2; h1 ^= k1;
    h1 = rotl(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
    k2 *= c2; k2 = rotl(k2, 33); k2 *= c1; h2 ^= k2;
    h2 = rotl(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
  }
  const uint8_t *t = d + nb * 16;
  uint64_t k1 = 0, k2 = 0;
  switch (len & 15) {
    case 15: k2 ^= (uint64_t)t[14] << 48; /* fall through */
    case 14: k2 ^= (uint64_t)t[13] << 40; /* fall through */
    case 13: k2 ^= (uint64_t)t[12] << 32; /* fall through */
    case 12: k2 ^= (uint64_t)t[11] << 24; /* fall through */
    case 11: k2 ^= (uint64_t)t[10] << 16; /* fall through */
    case 10: k2 ^= (uint64_t)t[9] << 8; /* fall through */
    case 9: k2 ^= (uint64_t)t[8]; k2 *= c2; k2 = rotl(k2, 33); k2 *= c1; h2 ^= k2; /* fall through */
    case 8: k1 ^= (uint64_t)t[7] << 56; /* fall through */
    case 7: k1 ^= (uint64_t)t[6] << 48; /* fall through */
    case 6: k1 ^= (uint64_t)t[5] << 40; /* fall through */
    case 5: k1 ^= (uint64_t)t[4] << 32; /* fall through */
    case 4: k1 ^= (uint64_t)t[3] << 24; /* fall through */
    case 3: k1 ^= (uint64_t)t[2] << 16; /* fall through */
    case 2: k1 ^= (uint64_t)t[1] << 8; /* fall through */
    case 1: k1 ^= (uint64_t)t[0]; k1 *= c1; k1 = rotl(k1, 31); k1 *= c2; h1 ^= k1;
  }
  h1 ^= len; h2 ^= len; h1 += h2; h2 += h1; h1 = fmix(h1); h2 = fmix(h2); h1 += h2;
  return h1;
}

static uint8_t comp[256];
static uint64_t kept, maxhash;
static int ks[8], nk;

static void sketch(uint8_t *s, long n, uint8_t *rc) {
  for (long i = 0; i < n; i++) {
    uint8_t c = s[i];
    if (c >= 'a' && c <= 'z') s[i] = c - 32;
    rc[n - 1 - i] = comp[s[i]];
  }
  for (int q = 0; q < nk; q++) {
    int k = ks[q];
    long run = 0; /* valid bases ending here */
    for (long i = 0; i < n; i++) {
      run = comp[s[i]] == 'N' ? 0 : run + 1;
      if (run < k) continue;
      long st = i - k + 1;
      const uint8_t *f = s + st, *r = rc + (n - st - k);
      int d = 0;
      while (d < k && f[d] == r[d]) d++;
      uint64_t h = (d == k || f[d] < r[d]) ? murmur_h1(f, k, 42) : murmur_h1(r, k, 42);
      if (h != 0 && h <= maxhash) kept++;
    }
  }
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: kmerloop INPUT SCALED K [K...]\n"); return 2; }
  FILE *in = fopen(argv[1], "r");
  if (!in) { perror(argv[1]); return 1; }
  long scaled = atol(argv[2]);
  maxhash = scaled == 1 ? UINT64_MAX : (uint64_t)(18446744073709551615.0 / (double)scaled);
  for (int i = 3; i < argc && nk < 8; i++) ks[nk++] = atoi(argv[i]);
  memset(comp, 'N', 256);
  comp['A'] = 'T'; comp['T'] = 'A'; comp['C'] = 'G'; comp['G'] = 'C';
  long cap = 1 << 20, n = 0;
  uint8_t *seq = malloc(cap), *rc = malloc(cap);
  char *line = NULL; size_t lcap = 0; ssize_t len; long lineno = 0; int fastq = -1;
  while ((len = getline(&line, &lcap, in)) > 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    if (fastq < 0) fastq = line[0] == '@';
    if (fastq) {
      if (lineno++ % 4 == 1) { if (len > cap) { cap = len; seq = realloc(seq, cap); rc = realloc(rc, cap); }
        memcpy(seq, line, len); sketch(seq, len, rc); }
      continue;
    }
    if (line[0] == '>') { if (n) sketch(seq, n, rc); n = 0; continue; }
    if (n + len > cap) { while (n + len > cap) cap *= 2; seq = realloc(seq, cap); rc = realloc(rc, cap); }
    memcpy(seq + n, line, len); n += len;
  }
  if (n) sketch(seq, n, rc);
  printf("%llu\n", (unsigned long long)kept);
  return 0;
}
