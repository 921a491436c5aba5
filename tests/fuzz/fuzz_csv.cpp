// libFuzzer harness for the "csv" importer.
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("csv", data, size);
}
