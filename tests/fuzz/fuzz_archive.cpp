// libFuzzer harness for containers read through libarchive (.gz, .bz2, .xz, .zst, .lz4, .zip,
// .tar, .7z): listing and reading every member with the import's expansion limits.
// fuzz-format: archive
#include "fuzzarchive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzContainer(data, size);
}
