// libFuzzer harness for the "cloudfront-realtime" importer (every documented field, no --mapping).
#include "fuzzimporter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    return netcase::fuzz::fuzzImporter("cloudfront-realtime", data, size);
}
