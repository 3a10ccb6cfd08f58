/* Seeded test data for the sketch benchmark: FASTA of long records or FASTQ of 150 bp reads.
 * usage: gen fasta|fastq MBP SEED > file
 * Random ACGT (xorshift64*), one 'N' in about 10,000 bases, 80-column FASTA lines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;
static inline uint64_t next(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

static char base(void) {
  uint64_t r = next();
  if (r % 10007 == 0) return 'N';
  return "ACGT"[(r >> 32) & 3];
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: gen fasta|fastq MBP SEED\n");
    return 2;
  }
  long long total = atoll(argv[2]) * 1000000LL;
  state = strtoull(argv[3], 0, 10) * 0x9E3779B97F4A7C15ULL + 1;
  static char line[256];
  if (strcmp(argv[1], "fasta") == 0) {
    long long record = 5000000; /* 5 Mbp records */
    for (long long done = 0, r = 0; done < total; r++) {
      printf(">chr%lld generated\n", r);
      long long len = total - done < record ? total - done : record;
      for (long long i = 0; i < len; i += 80) {
        int w = len - i < 80 ? (int)(len - i) : 80;
        for (int j = 0; j < w; j++) line[j] = base();
        line[w] = '\n';
        fwrite(line, 1, w + 1, stdout);
      }
      done += len;
    }
  } else {
    static char qual[151];
    memset(qual, 'I', 150);
    qual[150] = '\n';
    for (long long done = 0, r = 0; done < total; done += 150, r++) {
      printf("@read%lld/1\n", r);
      for (int j = 0; j < 150; j++) line[j] = base();
      line[150] = '\n';
      fwrite(line, 1, 151, stdout);
      fputs("+\n", stdout);
      fwrite(qual, 1, 151, stdout);
    }
  }
  return 0;
}
