/* libFuzzer target: the PO reader, then merge of what it read. */
#define FUZZ_SUFFIX "po"
#include "fuzz_tfile.inc"
