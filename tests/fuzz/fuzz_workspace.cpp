// libFuzzer harness for the "google-workspace" importer.
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("google-workspace", data, size);
}
