// libFuzzer harness for the "web-error" importer.
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("web-error", data, size);
}
