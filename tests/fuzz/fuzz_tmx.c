/* libFuzzer target: the TMX reader, then merge of what it read. */
#define FUZZ_SUFFIX "tmx"
#define FUZZ_XML_ONLY 1
#include "fuzz_tfile.inc"
