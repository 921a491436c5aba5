#pragma once

// A small, strict argument parser for the netcase sub-commands: unknown options are usage
// errors, options may repeat, values follow as "--opt value" or "--opt=value".

#include "core/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace netcase::cli {

struct OptionSpec
{
    const char *name; ///< without dashes
    bool takesValue;
};

class Args
{
public:
    static Result<Args> parse(const QStringList &argv, std::initializer_list<OptionSpec> options);

    const QStringList &positional() const { return m_positional; }
    bool has(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name, const QString &fallback = {}) const;
    QStringList values(const QString &name) const { return m_values.value(name); }
    /// Integer option; error when it is present but not a number.
    Result<long long> number(const QString &name, long long fallback) const;
    /// Time option (ISO 8601, a date or epoch seconds) as UTC microseconds; empty when absent,
    /// a usage error naming the option when it does not read as a time.
    Result<std::optional<std::int64_t>> time(const QString &name) const;

    /// The number of positional arguments and the options a command cannot run without.
    struct Shape
    {
        int minPositional = 1;
        int maxPositional = 1; ///< -1: no limit
        std::initializer_list<const char *> required = {};
    };
    /// parse(), then the call checked against shape: when it does not fit, a usage error that
    /// quotes the command's synopsis (the one "netcase help COMMAND" shows).
    static Result<Args> parseCommand(const char *command,
                                     const QStringList &argv,
                                     std::initializer_list<OptionSpec> options,
                                     Shape shape);
    static Result<Args> parseCommand(const char *command,
                                     const QStringList &argv,
                                     std::initializer_list<OptionSpec> options)
    {
        return parseCommand(command, argv, options, Shape{});
    }

private:
    QStringList m_positional;
    QMap<QString, QStringList> m_values;
};

} // namespace netcase::cli
