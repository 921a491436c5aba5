// libFuzzer harness for the "cloudflare" importer.
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("cloudflare", data, size);
}
