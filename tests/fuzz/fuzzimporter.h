#pragma once

// The body of every importer harness: detect and parse arbitrary bytes, then check what came
// out: every event must render as an ECS JSON document (valid labels JSON, valid UTF-8), which
// is what `netcase events` does with it, and a record kept as a form must render as its line. A
// violated check traps, so libFuzzer records the input.

#include "api/inputstream.h"
#include "api/registry.h"
#include "core/eventdoc.h"
#include "core/rawform.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace netcase::fuzz {

class CheckingSink final : public RecordSink
{
public:
    void event(Event &&e, std::string_view) override
    {
        if (!e.labels.empty() && !nlohmann::json::accept(e.labels))
            __builtin_trap();
        try {
            (void)eventDocument(e).dump();
        } catch (const std::exception &) {
            __builtin_trap(); // invalid UTF-8 would make `netcase events` fail
        }
    }
    void eventWithForm(Event &&e, std::string_view raw, std::string_view form) override
    {
        // The storing side's check and a reader's rendering must agree on every record kept as
        // a form, or `netcase events --raw` would show something other than the file's line.
        std::string text;
        if (rawform::rebuilds(form, e, raw) && (!rawform::render(form, e, text) || text != raw))
            __builtin_trap();
        event(std::move(e), raw);
    }
    void reject(std::int64_t line, RejectKind, std::string_view reason, std::string_view) override
    {
        if (line <= 0 || reason.empty())
            __builtin_trap();
    }
};

inline int fuzzImporter(const char *format, const std::uint8_t *data, size_t size)
{
    static const Importer *importer = findImporter(QString::fromLatin1(format));
    if (!importer)
        std::abort();
    const std::string bytes(reinterpret_cast<const char *>(data), size);
    (void)importer->detect(bytes);
    CheckingSink sink;
    ImportOptions options;
    auto in = memoryStream(bytes);
    ParseContext ctx{options, sink};
    (void)importer->parse(*in, ctx);
    return 0;
}

} // namespace netcase::fuzz
