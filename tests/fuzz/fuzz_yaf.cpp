// libFuzzer harness for the "yaf" importer (yafscii --tabular).
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("yaf", data, size);
}
