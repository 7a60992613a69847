/* libFuzzer target: the XLIFF reader, then merge of what it read. */
#define FUZZ_SUFFIX "xlf"
#define FUZZ_XML_ONLY 1
#include "fuzz_tfile.inc"
